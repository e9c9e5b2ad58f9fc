import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RPC_ERROR_CODES, RpcError, type ActorSnapshot, type HubEvent, type SessionHub } from '@switchboard/shared';
import { connectDatabase, disconnectDatabase, Session, silentLogger } from '@switchboard/shared/node';
import { randomBytes } from 'node:crypto';
import { startRedis, type TestRedis } from '../../../../tests/support/redis.ts';
import { testDbUri } from '../../../../tests/support/testDb.ts';
import { startRouting, type Routing } from './startRouting.ts';
import type { RoutingLeases } from './routedHub.ts';

/** A local engine that records what reached it (the Supervisor's place in a node). */
function recordingHub(nodeId: string) {
  const calls: Array<{ op: string; sessionId: string; args: unknown[] }> = [];
  let hang: Promise<never> | null = null;
  const record = (op: string, sessionId: string, ...args: unknown[]) => {
    calls.push({ op, sessionId, args });
    const once = hang;
    hang = null;
    return once;
  };
  const snaps = new Map<string, ActorSnapshot>();
  const hub: SessionHub = {
    start: async (s) => void (await record('start', s)),
    stop: async (s, o) => void (await record('stop', s, o)),
    resetAttempts: async (s) => void (await record('resetAttempts', s)),
    call: async (s, c, r) => {
      await record('call', s, c, r);
      if (c === 'logout') throw new RpcError(RPC_ERROR_CODES.NOT_RUNNING, `Session ${s} has no running actor`);
      return { node: nodeId, at: new Date(7), bytes: Buffer.from('hi') } as never;
    },
    send: async (s, input) => {
      await record('send', s, input);
      return { messageId: `m-${nodeId}`, status: 'pending', duplicate: false } as never;
    },
    retry: async (s, m) => {
      await record('retry', s, m);
      return { messageId: m, status: 'pending', duplicate: false } as never;
    },
    subscribe: (_l: (e: HubEvent) => void) => () => undefined,
    snapshot: (s) => snaps.get(s),
    snapshots: () => [...snaps.values()],
  };
  return { hub, calls, snaps, hangNext: () => (hang = new Promise<never>(() => undefined)) };
}

/** The lease table both test nodes read (the keeper's role), in memory. */
function leaseTable() {
  const owners = new Map<string, string>();
  const of = (nodeId: string): RoutingLeases => ({
    holds: (s) => owners.get(s) === nodeId,
    acquire: async (s) => {
      if (owners.has(s) && owners.get(s) !== nodeId) return false;
      owners.set(s, nodeId);
      return true;
    },
    ownerOf: async (s) => (owners.has(s) ? { nodeId: owners.get(s)!, url: `http://${owners.get(s)}` } : null),
  });
  return { owners, of };
}

const snapshot = (sessionId: string): ActorSnapshot => ({
  sessionId,
  status: 'connected',
  pid: 42,
  startedAt: 1,
  restarts: 0,
  lastHeartbeatAt: 2,
  rssBytes: 3,
  heapUsedBytes: 4,
  eventLoopLagMs: 5,
  lastError: null,
  lastDisconnectCause: null,
  outboxDepth: 0,
});

let redis: TestRedis;
const leases = leaseTable();
const a = recordingHub('node-a');
const b = recordingHub('node-b');
let leastLoaded = 'node-b';
let ra: Routing;
let rb: Routing;
const prefix = `t${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  redis = await startRedis();
  await connectDatabase(testDbUri('sup_routing'), silentLogger());
  const common = { redisUrl: redis.url, logger: silentLogger(), prefix, placement: { leastLoaded: async () => ({ _id: leastLoaded }) }, snapshotEveryMs: 200, timeouts: { otherMs: 300, hopMs: 100 } };
  ra = await startRouting({ ...common, nodeId: 'node-a', local: a.hub, leases: leases.of('node-a') });
  rb = await startRouting({ ...common, nodeId: 'node-b', local: b.hub, leases: leases.of('node-b') });
  await Session.create([
    { sessionId: 'held-by-a', name: 'A' },
    { sessionId: 'moving', name: 'Moving', active: true },
    { sessionId: 'stopped', name: 'Stopped', active: false, status: 'stopped' },
    { sessionId: 'new-one', name: 'New' },
  ]);
  leases.owners.set('held-by-a', 'node-a');
}, 30_000);

afterAll(async () => {
  await rb?.close();
  await ra?.close();
  await disconnectDatabase();
  await redis?.stop();
});

describe('RoutedHub', () => {
  it('runs a command for a session this node holds locally, without Redis', async () => {
    const res = await ra.hub.call('held-by-a', 'getState' as never, {} as never);
    expect(res).toMatchObject({ node: 'node-a' });
    expect(a.calls.at(-1)).toMatchObject({ op: 'call', sessionId: 'held-by-a' });
  });

  it('forwards a command for a session held elsewhere to its owner, with Dates and Buffers intact', async () => {
    const before = b.calls.length;
    const res = (await rb.hub.call('held-by-a', 'getState' as never, { x: 1 } as never)) as unknown as { node: string; at: Date; bytes: Buffer };
    expect(res.node).toBe('node-a');
    expect(res.at).toEqual(new Date(7));
    expect(Buffer.from(res.bytes).toString()).toBe('hi');
    expect(b.calls.length).toBe(before);

    const sent = await rb.hub.send('held-by-a', { to: '34600000001', kind: 'text', text: 'hola', clientId: 'c1' });
    expect(sent).toMatchObject({ messageId: 'm-node-a' });
    expect(a.calls.at(-1)).toMatchObject({ op: 'send', sessionId: 'held-by-a', args: [{ to: '34600000001', text: 'hola', clientId: 'c1' }] });
    await rb.hub.stop('held-by-a', { logout: false });
    expect(a.calls.at(-1)).toMatchObject({ op: 'stop', args: [{ logout: false }] });
  });

  it("returns the owner's coded error to the caller", async () => {
    await expect(rb.hub.call('held-by-a', 'logout', {})).rejects.toMatchObject({ code: RPC_ERROR_CODES.NOT_RUNNING, remote: true });
  });

  it('answers session_moving when the owner does not reply in time', async () => {
    a.hangNext();
    const err = await rb.hub.retry('held-by-a', 'msg-1').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'session_moving' });
    expect((err as Error).message).toMatch(/moving to another node.*did not answer within 400 ms/);
  });

  it('answers session_moving at once when the owner node is gone (nobody on its channel)', async () => {
    leases.owners.set('orphan', 'node-gone');
    await expect(rb.hub.send('orphan', { to: '34600000002', kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'session_moving', message: expect.stringMatching(/node-gone is not reachable/) });
  });

  it('answers session_moving for an active session nobody holds, and runs a stopped one locally', async () => {
    await expect(rb.hub.call('moving', 'getState' as never, {} as never)).rejects.toMatchObject({ code: 'session_moving' });
    const sent = await rb.hub.send('stopped', { to: '34600000003', kind: 'text', text: 'later' });
    expect(sent).toMatchObject({ messageId: 'm-node-b' });
  });

  it('places the start of a session nobody holds on the least-loaded node, which takes its lease', async () => {
    leastLoaded = 'node-b';
    await ra.hub.start('new-one');
    expect(leases.owners.get('new-one')).toBe('node-b');
    expect(b.calls.at(-1)).toMatchObject({ op: 'start', sessionId: 'new-one' });
    expect(a.calls.some((c) => c.op === 'start' && c.sessionId === 'new-one')).toBe(false);
    // Sticky: later starts go to the owner, whatever placement says.
    leastLoaded = 'node-a';
    await ra.hub.start('new-one');
    expect(b.calls.filter((c) => c.op === 'start' && c.sessionId === 'new-one')).toHaveLength(2);
  });

  it("serves another node's snapshots from the board, and its own from the Supervisor", async () => {
    a.snaps.set('held-by-a', snapshot('held-by-a'));
    a.snaps.set('stale-on-a', { ...snapshot('stale-on-a'), status: 'stopped' });
    await ra.hub.board!.publish();
    await vi.waitFor(() => expect(rb.hub.snapshot('held-by-a')).toMatchObject({ sessionId: 'held-by-a', pid: 42 }), { timeout: 5_000 });
    // Only held sessions are published.
    expect(rb.hub.snapshot('stale-on-a')).toBeUndefined();
    expect(rb.hub.snapshots().map((s) => s.sessionId)).toContain('held-by-a');
    expect(ra.hub.snapshots().map((s) => s.sessionId).sort()).toEqual(['held-by-a', 'stale-on-a']);
    expect(rb.hub.healthReport().sessions.map((s) => s.sessionId)).toContain('held-by-a');
  });
});
