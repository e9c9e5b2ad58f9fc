/**
 * Cluster mode, leases and fencing (issue 16): nodes are real processes (nodeProcess.ts: a
 * Supervisor with real actors, a node registry and a lease keeper) on one database and one
 * simulator, with 2 s leases. Linked sessions spread over two nodes; SIGKILL of one node (its
 * whole process group) → its sessions connect on the other within the lease expiry + 10 s,
 * without a QR. Split brain: a node frozen (SIGSTOP) past its leases loses them to a third
 * node; once resumed (SIGCONT) its actors stop, its stale tokens cannot write, and the new
 * owner keeps every session.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthState, Session, SessionLease } from '@switchboard/shared/node';
import { EXIT_CODES, initEnvelope } from '@switchboard/shared';
import { openAuthState } from '@switchboard/session-actor';
import { ActorChild, simConfig } from '../actor/harness.ts';
import { openCluster, type Cluster } from '../cluster/harness.ts';
import type { NodeCommand, NodeReport } from './nodeProcess.ts';

const LEASE_MS = 2_000;
const RENEW_MS = 500;
const SESSIONS = ['fo-1', 'fo-2', 'fo-3', 'fo-4'];
const phoneOf = (sessionId: string): string => `3460030000${sessionId.slice(-1)}`;
const CONTACT = '34600300999';

const here = dirname(fileURLToPath(import.meta.url));
const entry = resolve(here, 'nodeProcess.ts');
const tsxLoader = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'loader.mjs')).href;

type StateReport = Extract<NodeReport, { type: 'state' }>;

/** A node process, forked detached (its own process group) so a signal reaches its actors too. */
class NodeChild {
  readonly proc: ChildProcess;
  readonly reports: NodeReport[] = [];
  private waiters: { match: (r: NodeReport) => boolean; resolve: (r: NodeReport) => void }[] = [];

  constructor(
    readonly nodeId: string,
    cluster: Cluster,
  ) {
    this.proc = fork(entry, [], { execArgv: ['--import', tsxLoader], detached: true, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.proc.on('message', (r: NodeReport) => {
      this.reports.push(r);
      this.waiters = this.waiters.filter((w) => (w.match(r) ? (w.resolve(r), false) : true));
    });
    const dataDir = join(cluster.dataDir, nodeId);
    mkdirSync(dataDir, { recursive: true });
    const { wsUrl, trustRootHex, caCertPath } = cluster.sim;
    this.send({ type: 'init', nodeId, uri: cluster.uri, dataDir, wa: { websocketUrl: wsUrl, trustRootHex, caCertPath }, leaseMs: LEASE_MS, renewMs: RENEW_MS });
  }

  send(cmd: NodeCommand): void {
    this.proc.send(cmd);
  }

  /** The first report (past or future, after index `from`) matching `match`. */
  waitFor<T extends NodeReport>(match: (r: NodeReport) => boolean, from = 0): Promise<T> {
    const hit = this.reports.slice(from).find(match);
    if (hit) return Promise.resolve(hit as T);
    return new Promise((resolve) => this.waiters.push({ match, resolve: resolve as (r: NodeReport) => void }));
  }

  /** Every session in `ids` reported connected by this node (after report index `from`). */
  connected(ids: string[], from = 0): Promise<unknown> {
    return Promise.all(ids.map((id) => this.waitFor((r) => r.type === 'event' && r.sessionId === id && r.status === 'connected', from)));
  }

  async state(): Promise<StateReport> {
    const from = this.reports.length;
    this.send({ type: 'state' });
    return this.waitFor<StateReport>((r) => r.type === 'state', from);
  }

  /** Signals the whole node: its process and its actors. */
  signal(sig: NodeJS.Signals): void {
    process.kill(-this.proc.pid!, sig);
  }
}

/** Rejects after `ms` unless `task` settles first: the bound a behaviour must meet. */
function within<T>(ms: number, what: string, task: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)));
  return Promise.race([task, late]).finally(() => clearTimeout(timer));
}

let cluster: Cluster;
const nodes: NodeChild[] = [];

beforeAll(async () => {
  cluster = await openCluster('cluster_failover', { ownServer: true });
  // Link the sessions once on a plain Supervisor, then stop it: they stay active with their
  // credentials in the database, for the cluster nodes to adopt.
  const { sup, rec } = cluster.supervisor();
  for (const id of SESSIONS) {
    await cluster.createSession(id);
    await cluster.link(sup, rec, id, phoneOf(id));
  }
  await sup.shutdown();
  cluster.sim.createContact({ phone: CONTACT, name: 'Dora' });
}, 240_000);

afterAll(async () => {
  for (const n of nodes) if (n.proc.exitCode === null && n.proc.signalCode === null) n.signal('SIGKILL');
  await cluster?.close();
});

/** Starts a node and waits until it is registered in the cluster. */
async function startNode(nodeId: string): Promise<NodeChild> {
  const node = new NodeChild(nodeId, cluster);
  nodes.push(node);
  await node.waitFor((r) => r.type === 'registered');
  return node;
}

describe('cluster mode: leases and fencing', () => {
  let a: NodeChild;
  let b: NodeChild;
  let stale: Record<string, number> = {};

  it('spreads sessions over the nodes, and moves a SIGKILLed node’s sessions to the survivor within lease expiry + 10 s, without a QR', async () => {
    [a, b] = await Promise.all([startNode('node-a'), startNode('node-b')]);
    a.send({ type: 'start' });
    b.send({ type: 'start' });
    await Promise.all(SESSIONS.map((id) => Promise.race([a.connected([id]), b.connected([id])])));
    const [sa, sb] = await Promise.all([a.state(), b.state()]);
    // Fair share of 4 sessions over 2 nodes, each lease acquired once (token 1).
    expect(Object.keys(sa.held)).toHaveLength(2);
    expect(Object.keys(sb.held)).toHaveLength(2);
    expect({ ...sa.held, ...sb.held }).toEqual(Object.fromEntries(SESSIONS.map((id) => [id, 1])));

    const moved = Object.keys(sa.held);
    const mark = b.reports.length;
    a.signal('SIGKILL');
    await within(LEASE_MS + 10_000, 'failover', b.connected(moved, mark));
    expect(b.reports.slice(mark).filter((r) => r.type === 'event' && r.event === 'qr')).toEqual([]);
    const leases = await SessionLease.find({ _id: { $in: moved } }).lean();
    expect(leases.map((l) => ({ owner: l.owner, token: l.token }))).toEqual(moved.map(() => ({ owner: 'node-b', token: 2 })));
  }, 120_000);

  it('fences a node frozen past its leases: once resumed its actors stop and its stale tokens cannot write, while the new owner keeps the sessions', async () => {
    const c = await startNode('node-c');
    c.send({ type: 'start' });
    await c.waitFor((r) => r.type === 'started');
    stale = (await b.state()).held;
    expect(Object.keys(stale).sort()).toEqual(SESSIONS);

    const mark = c.reports.length;
    b.signal('SIGSTOP');
    await within(LEASE_MS + 20_000, 'adoption of a frozen node’s sessions', c.connected(SESSIONS, mark));
    const taken = (await c.state()).held;
    for (const id of SESSIONS) expect(taken[id]).toBeGreaterThan(stale[id]!);
    // The new owner's actors raised each session's fence: a write with the old token no longer matches.
    const creds = await AuthState.find({ sessionId: { $in: SESSIONS } }, { sessionId: 1, fence: 1 }).lean();
    for (const doc of creds) expect(doc.fence).toBe(taken[doc.sessionId]);

    const resumed = b.reports.length;
    b.signal('SIGCONT');
    // Every actor of the resumed node ends (self-fenced by its keeper, or FENCED by a refused write).
    const ended = await Promise.all(
      SESSIONS.map((id) => b.waitFor<Extract<NodeReport, { type: 'log' }>>((r) => r.type === 'log' && r.msg === 'actor of a session this node lost ended' && r.sessionId === id, resumed)),
    );
    expect(ended.map((r) => r.exit)).toEqual(SESSIONS.map(() => 'fenced'));
    const after = await b.state();
    expect(after.held).toEqual({});
    expect(after.statuses).toEqual({});
    // A write with the frozen node's token is refused (the real auth state, as its actors open it).
    for (const id of SESSIONS) {
      const refusals: string[] = [];
      const open = openAuthState({ authStorage: 'mongo', dataDir: cluster.dataDir, sessionId: id, fence: stale[id]! }, {}, (reason) => refusals.push(reason));
      await expect(open).rejects.toMatchObject({ code: 'fenced' });
      expect(refusals).toHaveLength(1);
    }

    // The new owner still holds every lease, and the sessions work there.
    expect((await c.state()).held).toEqual(taken);
    const leases = await SessionLease.find({ _id: { $in: SESSIONS } }).lean();
    for (const l of leases) expect(l).toMatchObject({ owner: 'node-c', token: taken[l._id] });
    const sessions = await Session.find({ sessionId: { $in: SESSIONS } }, { sessionId: 1, status: 1 }).lean();
    expect(sessions.map((s) => s.status)).toEqual(SESSIONS.map(() => 'connected'));
    const from = c.reports.length;
    await cluster.sim.contactSend(CONTACT, { to: phoneOf('fo-1'), text: 'still there?' });
    await c.waitFor((r) => r.type === 'event' && r.event === 'message' && r.sessionId === 'fo-1', from);
  }, 120_000);

  it('a real actor process started with a stale fencing token exits FENCED before it connects', async () => {
    const child = new ActorChild();
    child.proc.send(initEnvelope(simConfig(cluster.sim, 'fo-2', cluster.uri, { fence: stale['fo-2']! })));
    expect(await child.exit).toBe(EXIT_CODES.FENCED);
    expect(child.messages.filter((m) => m.kind === 'ready')).toEqual([]);
  });
});
