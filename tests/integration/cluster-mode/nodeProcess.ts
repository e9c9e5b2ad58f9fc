/**
 * One cluster node for the failover tests, run as its own process (`node --import tsx`, forked
 * detached so the test can SIGKILL / SIGSTOP its whole process group: the node and its actors):
 * a real Supervisor forking real actors, a node registry and a lease keeper, as main.ts composes
 * them in cluster mode. It talks to the test over IPC: `init` → `registered`, `start` (the
 * keeper's first round) → `started`, `state` → held leases and snapshots, `drain` → `drained`.
 * Selected log lines (adoptions, lost leases, ended actors) and connection-state events are
 * forwarded so the test waits for them instead of sleeping.
 */
import { Writable } from 'node:stream';
import type { HubEvent } from '@switchboard/shared';
import { connectDatabase, createLogger, silentLogger } from '@switchboard/shared/node';
import { createLeaseKeeper, createNodeRegistry, Supervisor, withDefaults, type LeaseKeeper } from '@switchboard/supervisor';

/** The first message from the test. */
export interface NodeInit {
  type: 'init';
  nodeId: string;
  uri: string;
  dataDir: string;
  wa: { websocketUrl: string; trustRootHex: string; caCertPath: string };
  leaseMs: number;
  renewMs: number;
}

/** Commands after `init`. */
export type NodeCommand = NodeInit | { type: 'start' } | { type: 'state' } | { type: 'drain' };

/** What the node tells the test. */
export type NodeReport =
  | { type: 'registered' | 'started' | 'drained'; nodeId: string }
  | { type: 'log'; nodeId: string; msg: string; sessionId?: string; exit?: string; code?: number | null; fence?: number }
  | { type: 'event'; nodeId: string; sessionId: string; event: string; status?: string }
  | { type: 'state'; nodeId: string; held: Record<string, number>; statuses: Record<string, string> };

/** Log messages worth telling the test about. */
const FORWARDED = new Set(['session adopted', 'lease lost, stopping the actor', 'actor of a session this node lost ended', 'session evicted from this node']);

let nodeId = '';
const report = (r: NodeReport): void => void process.send?.(r);

function forwardingLogger(): ReturnType<typeof silentLogger> {
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        const o = JSON.parse(line) as { msg: string; sessionId?: string; exit?: string; code?: number | null; fence?: number };
        if (FORWARDED.has(o.msg)) report({ type: 'log', nodeId, msg: o.msg, sessionId: o.sessionId, exit: o.exit, code: o.code, fence: o.fence });
      }
      done();
    },
  });
  return createLogger({ NODE_ENV: 'test', LOG_LEVEL: 'info' }, { name: 'node', destination: stream });
}

async function init(cfg: NodeInit): Promise<{ sup: Supervisor; keeper: LeaseKeeper }> {
  nodeId = cfg.nodeId;
  const logger = forwardingLogger();
  await connectDatabase(cfg.uri, silentLogger());
  const sup = new Supervisor(
    withDefaults({
      logger,
      dataDir: cfg.dataDir,
      actor: { mongoUri: cfg.uri, authStorage: 'mongo', logLevel: 'silent', wa: cfg.wa, preloadChats: { type: 'individual', limit: 0 } },
      limits: { heartbeatMs: 250, missedHeartbeats: 20, readyTimeoutMs: 30_000, callTimeoutMs: 15_000, stopGraceMs: 3_000, deafAfterMs: 0 },
      restart: { baseDelayMs: 50, maxDelayMs: 500 },
      startJitterMs: 0,
    }),
  );
  sup.hub.subscribe((e: HubEvent) => {
    if (e.type === 'connection-state' || e.type === 'qr' || e.type === 'message') report({ type: 'event', nodeId, sessionId: e.sessionId, event: e.type, ...(e.type === 'connection-state' ? { status: e.status } : {}) });
  });
  const registry = createNodeRegistry({ nodeId, url: `http://${nodeId}.test`, heartbeatMs: cfg.renewMs, ttlMs: cfg.leaseMs, logger });
  const keeper = createLeaseKeeper({ nodeId, supervisor: sup, registry, leaseMs: cfg.leaseMs, renewMs: cfg.renewMs, adoptConcurrency: 2, logger });
  await registry.start();
  return { sup, keeper };
}

let node: Promise<{ sup: Supervisor; keeper: LeaseKeeper }> | null = null;

process.on('message', (msg: NodeCommand) => {
  void (async () => {
    if (msg.type === 'init') {
      node = init(msg);
      await node;
      report({ type: 'registered', nodeId });
      return;
    }
    const { sup, keeper } = await node!;
    if (msg.type === 'start') {
      await keeper.start();
      report({ type: 'started', nodeId });
    } else if (msg.type === 'state') {
      const held = Object.fromEntries(keeper.held().map((id) => [id, keeper.tokenOf(id)!]));
      const statuses = Object.fromEntries(sup.hub.snapshots().map((s) => [s.sessionId, s.status]));
      report({ type: 'state', nodeId, held, statuses });
    } else if (msg.type === 'drain') {
      await keeper.drain();
      await sup.shutdown();
      report({ type: 'drained', nodeId });
    }
  })().catch((err: unknown) => {
    process.stderr.write(`node ${nodeId}: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
