/**
 * LeaseKeeper against the real database and a real Supervisor forking the fixture actor, with
 * a fake clock: rounds are run by the test (`tick`), not by the timer.
 * tests/integration/cluster-mode runs real actors and Baileys on several node processes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClusterNode, connectDatabase, createLogger, disconnectDatabase, Session, SessionLease, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { Supervisor } from '../Supervisor.ts';
import { withDefaults } from '../supervisorOptions.ts';
import { recordHub } from '../testing/hubRecorder.ts';
import { createLeaseKeeper, type LeaseKeeper } from './leaseKeeper.ts';
import { acquireLease } from './leases.ts';
import { createNodeRegistry, type NodeRegistry } from './nodeRegistry.ts';

const entry = fileURLToPath(new URL('../testing/fixtureActor.ts', import.meta.url));
const LEASE_MS = 2_000;
const MARGIN_MS = 500;
let uri = '';
let now = Date.UTC(2026, 11, 3, 12);
const running: { sup: Supervisor; keeper: LeaseKeeper }[] = [];

/** Log lines of the node (to wait for what emits no hub event). */
const lines: { msg: string; sessionId?: string; exit?: string }[] = [];
const lineWaiters: { match: (l: (typeof lines)[number]) => boolean; resolve: () => void }[] = [];
const logger = createLogger(
  { NODE_ENV: 'test', LOG_LEVEL: 'info' },
  {
    name: 'test',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const raw of chunk.toString().split('\n').filter(Boolean)) {
          const line = JSON.parse(raw) as (typeof lines)[number];
          lines.push(line);
          for (const w of lineWaiters.filter((x) => x.match(line))) w.resolve();
        }
        done();
      },
    }),
  },
);
const logged = (match: (l: (typeof lines)[number]) => boolean): Promise<void> =>
  lines.some(match) ? Promise.resolve() : new Promise((resolve) => lineWaiters.push({ match, resolve }));

/** A node: a Supervisor (fixture actors) and its keeper, with its own view of the clock. */
function node(nodeId: string, skewMs = 0, registry?: NodeRegistry) {
  const sup = new Supervisor(
    withDefaults({
      logger,
      dataDir: mkdtempSync(join(tmpdir(), 'keeper-test-')),
      actor: { mongoUri: uri, authStorage: 'mongo', logLevel: 'silent', wa: {}, preloadChats: { type: 'individual', limit: 1 } },
      actorEntry: entry,
      limits: { heartbeatMs: 100, missedHeartbeats: 3, readyTimeoutMs: 10_000, stopGraceMs: 1_000 },
      startJitterMs: 0,
    }),
  );
  // renewMs of an hour: the test runs every round itself, and the wake-ups it is asked for.
  const wakes: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const wakeWaiters: ((w: (typeof wakes)[number]) => void)[] = [];
  const keeper = createLeaseKeeper({
    nodeId,
    supervisor: sup,
    leaseMs: LEASE_MS,
    renewMs: 3_600_000,
    safetyMarginMs: MARGIN_MS,
    adoptConcurrency: 2,
    ...(registry ? { registry } : {}),
    clock: () => now + skewMs,
    schedule: (fn, ms) => {
      const wake = { fn, ms, cancelled: false };
      wakes.push(wake);
      for (const w of wakeWaiters.splice(0)) w(wake);
      return () => {
        wake.cancelled = true;
      };
    },
    logger: silentLogger(),
  });
  running.push({ sup, keeper });
  /** The next wake-up the keeper asks for. */
  const nextWake = () => new Promise<(typeof wakes)[number]>((resolve) => wakeWaiters.push(resolve));
  return { sup, keeper, rec: recordHub(sup.hub), wakes, nextWake };
}

async function sessions(...ids: string[]): Promise<void> {
  await Session.create(ids.map((sessionId) => ({ sessionId, name: sessionId })));
}

beforeAll(async () => {
  uri = testDbUri('sup_keeper');
  await connectDatabase(uri, silentLogger());
});
afterEach(async () => {
  for (const { sup, keeper } of running.splice(0)) {
    await keeper.stop();
    await sup.shutdown();
  }
  await Session.deleteMany({});
  await SessionLease.deleteMany({});
  await ClusterNode.deleteMany({});
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('LeaseKeeper', () => {
  it('adopts free active sessions and starts their actors under the lease; another node takes none of them', async () => {
    await sessions('ok-a1', 'ok-a2');
    const a = node('node-a');
    await a.keeper.start();
    expect(a.keeper.held().sort()).toEqual(['ok-a1', 'ok-a2']);
    expect(a.keeper.tokenOf('ok-a1')).toBe(1);
    await a.rec.waitFor((e) => e.sessionId === 'ok-a2' && e.type === 'qr');
    expect(a.sup.hub.snapshot('ok-a1')?.pid).toBeGreaterThan(0);

    const b = node('node-b');
    await b.keeper.start();
    expect(b.keeper.held()).toEqual([]);
    await expect(b.sup.start('ok-a1')).rejects.toMatchObject({ code: 'session_moving' });
    expect(await b.keeper.ownerOf('ok-a1')).toBeNull(); // node-a has no registry record: moving
  });

  it('stops the actor at once when its lease was taken over, without restarting it or writing its status', async () => {
    await sessions('ok-b1');
    const a = node('node-a');
    await a.keeper.start();
    await a.rec.waitFor((e) => e.sessionId === 'ok-b1' && e.type === 'qr');
    const pid = a.sup.hub.snapshot('ok-b1')!.pid!;
    // node-b's clock runs ahead: to it the lease has expired, so it takes it over (token 2).
    const b = node('node-b', LEASE_MS);
    expect(await b.keeper.acquire('ok-b1')).toBe(true);
    expect(b.keeper.tokenOf('ok-b1')).toBe(2);

    now += 100;
    await a.keeper.tick();
    await logged((l) => l.msg === 'actor of a session this node lost ended' && l.sessionId === 'ok-b1');
    expect(a.keeper.holds('ok-b1')).toBe(false);
    expect(a.sup.hub.snapshot('ok-b1')).toBeUndefined();
    expect(() => process.kill(pid, 0)).toThrow();
    // Not 'stopped': the status is the new owner's to write.
    expect(await Session.findOne({ sessionId: 'ok-b1' }).lean()).toMatchObject({ status: 'qr', active: true });
    expect(await SessionLease.findById('ok-b1').lean()).toMatchObject({ owner: 'node-b', token: 2 });
  });

  it('self-fences: stops the actor before the lease can expire unrenewed, ahead of any database request', async () => {
    await sessions('ok-c1');
    const a = node('node-a');
    await a.keeper.start();
    await a.rec.waitFor((e) => e.sessionId === 'ok-c1' && e.type === 'qr');
    now += LEASE_MS - MARGIN_MS;
    const round = a.keeper.tick();
    // Decided synchronously, before the round awaits anything.
    expect(a.keeper.held()).toEqual([]);
    await round;
    await logged((l) => l.msg === 'actor of a session this node lost ended' && l.sessionId === 'ok-c1');
    expect(a.sup.hub.snapshot('ok-c1')).toBeUndefined();
  });

  it('acquires a session once when asked twice at the same time (one token, the one its actor runs under)', async () => {
    await sessions('ok-j1');
    const a = node('node-a');
    const [first, second] = await Promise.all([a.keeper.acquire('ok-j1'), a.keeper.acquire('ok-j1')]);
    expect([first, second]).toEqual([true, true]);
    expect(a.keeper.tokenOf('ok-j1')).toBe(1);
    expect(await SessionLease.findById('ok-j1').lean()).toMatchObject({ owner: 'node-a', token: 1 });
  });

  it('extends a lease it still holds near expiry with the same token, keeping its actor', async () => {
    await sessions('ok-k1');
    const a = node('node-a');
    await a.keeper.start();
    await a.rec.waitFor((e) => e.sessionId === 'ok-k1' && e.type === 'qr');
    const pid = a.sup.hub.snapshot('ok-k1')!.pid!;
    now += LEASE_MS - MARGIN_MS;
    expect(a.keeper.holds('ok-k1')).toBe(false);
    // A start placed here (Supervisor.start asks for the lease when it sees none).
    await a.sup.start('ok-k1');
    expect(a.keeper.holds('ok-k1')).toBe(true);
    expect(a.keeper.tokenOf('ok-k1')).toBe(1);
    expect(await SessionLease.findById('ok-k1').lean()).toMatchObject({ owner: 'node-a', token: 1 });
    expect((await SessionLease.findById('ok-k1').lean())?.expiresAt.getTime()).toBe(now + LEASE_MS);
    expect(a.sup.hub.snapshot('ok-k1')?.pid).toBe(pid);
  });

  it('renews held leases on every round', async () => {
    await sessions('ok-d1');
    const a = node('node-a');
    await a.keeper.start();
    for (let i = 0; i < 5; i += 1) {
      now += LEASE_MS - MARGIN_MS - 1;
      await a.keeper.tick();
    }
    expect(a.keeper.holds('ok-d1')).toBe(true);
    expect((await SessionLease.findById('ok-d1').lean())?.expiresAt.getTime()).toBe(now + LEASE_MS);
  });

  it('drains: stops its actors gracefully and releases their leases, so another node adopts them at once', async () => {
    await sessions('ok-e1', 'ok-e2');
    const a = node('node-a');
    await a.keeper.start();
    await Promise.all(['ok-e1', 'ok-e2'].map((id) => a.rec.waitFor((e) => e.sessionId === id && e.type === 'qr')));
    await a.keeper.drain();
    expect(a.keeper.held()).toEqual([]);
    expect(a.sup.hub.snapshots()).toEqual([]);
    expect(await SessionLease.find({}).lean()).toEqual([expect.objectContaining({ owner: null }), expect.objectContaining({ owner: null })]);
    expect(await Session.countDocuments({ active: true })).toBe(2);

    const b = node('node-b');
    await b.keeper.start();
    expect(b.keeper.held().sort()).toEqual(['ok-e1', 'ok-e2']);
    expect(b.keeper.tokenOf('ok-e1')).toBe(2);
  });

  it("looks again right when another node's lease expires, not a round later", async () => {
    await sessions('ok-g1');
    const a = node('node-a');
    await a.keeper.start();
    await a.rec.waitFor((e) => e.sessionId === 'ok-g1' && e.type === 'qr');
    const b = node('node-b');
    await b.keeper.start();
    // node-a's lease expires in LEASE_MS, sooner than node-b's next round: node-b asks to wake then.
    expect(b.wakes.filter((w) => !w.cancelled).map((w) => w.ms)).toEqual([LEASE_MS + 50]);
    // node-a dies (no more renewals); at the expiry node-b adopts without waiting for a round.
    await a.keeper.stop();
    now += LEASE_MS + 50;
    b.wakes.at(-1)!.fn();
    await b.rec.waitFor((e) => e.sessionId === 'ok-g1' && e.type === 'qr');
    expect(b.keeper.held()).toEqual(['ok-g1']);
    expect(b.keeper.tokenOf('ok-g1')).toBe(2);
  });

  it("does not count a node whose leases lapsed in the fair share, even while its heartbeat is fresh", async () => {
    await sessions('ok-h1', 'ok-h2');
    // node-a holds both and then dies: its last heartbeat (registry record) is younger than its
    // last lease renewal, so it still looks live for a while after its leases expire.
    const a = node('node-a');
    await a.keeper.start();
    expect(a.keeper.held().sort()).toEqual(['ok-h1', 'ok-h2']);
    await a.keeper.stop();
    await ClusterNode.create({ _id: 'node-a', url: 'http://node-a', heartbeatAt: new Date(now), sessions: 2, rssBytes: 0, draining: false });
    const b = node('node-b', 0, createNodeRegistry({ nodeId: 'node-b', url: 'http://node-b', heartbeatMs: 3_600_000, ttlMs: LEASE_MS + 1_000, clock: () => now, logger: silentLogger() }));
    await b.keeper.start();
    expect(b.keeper.held()).toEqual([]);

    // At the leases' expiry node-a is still listed, but its leases lapsed: node-b takes both at
    // once (counted with node-a, its fair share would be one of two).
    now += LEASE_MS + 50;
    b.wakes.filter((w) => !w.cancelled).at(-1)!.fn();
    await Promise.all(['ok-h1', 'ok-h2'].map((id) => b.rec.waitFor((e) => e.sessionId === id && e.type === 'qr')));
    expect(b.keeper.held().sort()).toEqual(['ok-h1', 'ok-h2']);
    expect((await b.keeper.ownerOf('ok-h1'))?.nodeId).toBe('node-b');
  });

  it('runs another adoption round right after the current one when a lease expires during it', async () => {
    await sessions('ok-i1', 'ok-i2');
    // A dead node held both; their leases expire 100 ms apart.
    await acquireLease('ok-i1', 'node-a', LEASE_MS, now);
    await acquireLease('ok-i2', 'node-a', LEASE_MS, now + 100);
    const b = node('node-b');
    await b.keeper.start();
    expect(b.keeper.held()).toEqual([]);

    now += LEASE_MS + 50;
    const during = b.nextWake();
    b.wakes.filter((w) => !w.cancelled).at(-1)!.fn(); // adopts ok-i1...
    const second = await during; // ...and, still in that round, asks to wake at ok-i2's expiry
    now += 100;
    second.fn(); // fires while the round still runs
    await Promise.all(['ok-i1', 'ok-i2'].map((id) => b.rec.waitFor((e) => e.sessionId === id && e.type === 'qr')));
    expect(b.keeper.held().sort()).toEqual(['ok-i1', 'ok-i2']);
  });

  it('keeps actors warm for its share of the sessions of a node that missed its heartbeats', async () => {
    const HOUR = 3_600_000; // renewMs of these keepers: a node is silent after 1.5 of them
    await ClusterNode.create({ _id: 'node-a', url: 'http://node-a', heartbeatAt: new Date(now - 2 * HOUR), sessions: 3, rssBytes: 0, draining: false });
    const b = node('node-b', 0, createNodeRegistry({ nodeId: 'node-b', url: 'http://node-b', heartbeatMs: HOUR, ttlMs: 4 * HOUR, clock: () => now, logger: silentLogger() }));
    expect(b.sup.pool.pids()).toEqual([]);
    await b.keeper.start();
    // Its share of node-a's 3 sessions, capped at its adoption concurrency (2).
    expect(b.sup.pool.pids()).toHaveLength(2);
  });

  it('does not restart an actor that exited FENCED', async () => {
    await sessions('fenced-f1');
    const a = node('node-a');
    await a.keeper.start();
    await logged((l) => l.msg === 'actor of a session this node lost ended' && l.sessionId === 'fenced-f1' && l.exit === 'fenced');
    expect(a.sup.hub.snapshot('fenced-f1')).toBeUndefined();
    expect(lines.filter((l) => l.msg === 'restart scheduled' && l.sessionId === 'fenced-f1')).toEqual([]);
  });
});
