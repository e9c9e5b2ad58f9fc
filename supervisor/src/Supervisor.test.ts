/**
 * Supervisor engine against the real database with the fixture actor (process plumbing and
 * supervision logic only; tests/integration/cluster runs the real session actor and Baileys).
 * Sends and commands (the SessionHub side) are in LocalHub.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectDatabase, disconnectDatabase, Session, SessionEvent, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../tests/support/testDb.ts';
import { ActorHandle } from './ActorHandle.ts';
import { fixtureSupervisors } from './testing/fixtureSupervisors.ts';

let uri = '';
const fixtures = fixtureSupervisors(() => uri);
const supervisor = fixtures.create;
const newSession = fixtures.session;

beforeAll(async () => {
  uri = testDbUri('supervisor');
  await connectDatabase(uri, silentLogger());
});
afterEach(async () => {
  await fixtures.shutdownAll();
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('Supervisor', () => {
  it('starts an actor, numbers and persists its events, and keeps the Session current', async () => {
    const { sup, rec } = supervisor();
    const id = await newSession('ok');
    await sup.start(id);
    const qr = await rec.waitFor((e) => e.sessionId === id && e.type === 'qr');
    const seqs = rec.of(id).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(qr.seq).toBeGreaterThan(0);
    const stored = await SessionEvent.find({ sessionId: id }).sort({ seq: 1 }).lean();
    expect(stored.map((e) => e.seq)).toEqual(rec.of(id).map((e) => e.seq));
    expect(sup.hub.snapshot(id)).toMatchObject({ sessionId: id, status: 'qr', restarts: 0 });
    const pid = sup.hub.snapshot(id)?.pid;
    expect(pid).toBeGreaterThan(0);
    expect(await Session.findOne({ sessionId: id }).lean()).toMatchObject({ status: 'qr', metrics: { pid, connectionAttempts: 1 } });
  });

  it('forks one actor when two starts of a session overlap (a placement racing an adoption)', async () => {
    const { sup, rec } = supervisor();
    const id = await newSession('ok');
    const spawns = vi.spyOn(ActorHandle, 'spawn');
    // Both starts get past their first look at the slot before either forks: the status write
    // between that look and the fork returns only once both are waiting on it.
    const setStatus = sup.records.setStatus.bind(sup.records);
    let open: () => void = () => undefined;
    const bothWaiting = new Promise<void>((resolve) => (open = resolve));
    let waiting = 0;
    const gate = vi.spyOn(sup.records, 'setStatus').mockImplementation(async (...args) => {
      waiting += 1;
      if (waiting === 2) open();
      if (waiting <= 2) await bothWaiting;
      return setStatus(...args);
    });
    try {
      await Promise.all([sup.start(id), sup.start(id)]);
      await rec.waitFor((e) => e.sessionId === id && e.type === 'qr');
      expect(spawns.mock.calls.filter(([opts]) => opts.config.sessionId === id)).toHaveLength(1);
      expect(sup.hub.snapshot(id)?.pid).toBe(spawns.mock.results[0]?.value.pid);
    } finally {
      spawns.mockRestore();
      gate.mockRestore();
    }
  });

  it('rejects starting a session that does not exist with a coded error', async () => {
    const { sup } = supervisor();
    await expect(sup.start('missing-session')).rejects.toMatchObject({ code: 'session_not_found' });
  });

  it('restarts a crashing actor with backoff, records each restart, then marks it problematic; reset-attempts revives it', async () => {
    const { sup, rec } = supervisor();
    const id = await newSession('crash');
    await sup.start(id);
    await rec.waitStatus(id, 'problematic');
    const doc = await Session.findOne({ sessionId: id }).lean();
    expect(doc?.restarts).toHaveLength(3);
    expect(doc?.restarts[0]?.reason).toContain('crash');
    expect(doc?.restarts[0]?.exitCode).toBe(1);
    expect(doc?.problematicSince).toBeInstanceOf(Date);
    expect(sup.hub.snapshot(id)).toMatchObject({ status: 'problematic', restarts: 3, pid: null });
    expect(sup.hub.snapshot(id)?.lastError).toContain('restart intensity exceeded');

    const mark = rec.events.length;
    await sup.resetAttempts(id);
    await rec.waitStatus(id, 'starting', mark);
    expect((await Session.findOne({ sessionId: id }).lean())?.problematicSince).toBeNull();
    await rec.waitStatus(id, 'problematic', mark);
  });

  it('does not restart a logged-out actor', async () => {
    const { sup, rec } = supervisor();
    const id = await newSession('loggedout');
    await sup.start(id);
    await rec.waitStatus(id, 'logged_out');
    expect(sup.hub.snapshot(id)).toMatchObject({ status: 'logged_out', restarts: 0, pid: null });
    expect((await Session.findOne({ sessionId: id }).lean())?.status).toBe('logged_out');
  });

  it('kills an actor that stops sending heartbeats and restarts it', async () => {
    const { sup, rec } = supervisor();
    const id = await newSession('mute');
    await sup.start(id);
    await rec.waitStatus(id, 'reconnecting');
    expect(sup.hub.snapshot(id)?.lastError).toMatch(/^hung: no heartbeat/);
    await rec.waitStatus(id, 'starting', rec.events.length);
    const doc = await Session.findOne({ sessionId: id }).lean();
    expect(doc?.restarts[0]?.reason).toMatch(/^hung/);
  });

  it('recycles an actor over its RSS budget', async () => {
    const { sup, rec } = supervisor({ rssBudgetBytes: 1024 ** 3 });
    const id = await newSession('fat');
    await sup.start(id);
    await rec.waitStatus(id, 'reconnecting');
    expect(sup.hub.snapshot(id)?.lastError).toMatch(/^recycled: rss/);
  });

  it('stops an actor on request and keeps it stopped', async () => {
    const { sup, rec } = supervisor();
    const id = await newSession('ok');
    await sup.start(id);
    await rec.waitFor((e) => e.sessionId === id && e.type === 'qr');
    await sup.stop(id);
    expect(sup.hub.snapshot(id)).toMatchObject({ status: 'stopped', pid: null });
    expect(await Session.findOne({ sessionId: id }).lean()).toMatchObject({ status: 'stopped', active: false });
  });

  it('restores active sessions with bounded concurrency and skips the ones waiting for an operator', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => newSession('ok')));
    const skipped = await newSession('ok');
    await Session.updateOne({ sessionId: skipped }, { status: 'logged_out' });
    await Session.updateMany({ sessionId: { $nin: [...ids, skipped] } }, { active: false });
    const { sup, rec } = supervisor();
    await sup.restoreAll();
    for (const id of ids) expect(sup.hub.snapshot(id)?.pid).toBeGreaterThan(0);
    expect(sup.hub.snapshot(skipped)).toBeUndefined();
    // Bounded: at no point were more than 2 sessions between 'starting' and their first QR.
    let inFlight = 0;
    let peak = 0;
    for (const e of rec.events.filter((x) => ids.includes(x.sessionId))) {
      if (e.type === 'connection-state' && e.status === 'starting') inFlight += 1;
      if (e.type === 'qr') inFlight -= 1;
      peak = Math.max(peak, inFlight);
    }
    expect(peak).toBeLessThanOrEqual(2);
  });

  it('starts a session in a warm actor, refills the pool once no actor is starting, and ends the spares on shutdown', async () => {
    const { sup, rec } = supervisor({}, {}, { warmActors: 1 });
    sup.warm();
    const [spare] = sup.pool.pids();
    expect(spare).toBeGreaterThan(0);

    const first = await newSession('ok');
    await sup.start(first);
    expect(sup.hub.snapshot(first)?.pid).toBe(spare);
    // While it starts, no spare is forked (it would take CPU from the start).
    sup.warm();
    expect(sup.pool.pids()).toEqual([]);
    await rec.waitFor((e) => e.sessionId === first && e.type === 'qr');
    await sup.hub.call(first, 'probe', {}); // a round trip: the ready handling has run
    const [next] = sup.pool.pids();
    expect(next).toBeGreaterThan(0);
    expect(next).not.toBe(spare);

    const second = await newSession('ok');
    await sup.start(second);
    expect(sup.hub.snapshot(second)?.pid).toBe(next);
    await rec.waitFor((e) => e.sessionId === second && e.type === 'qr');
    await sup.hub.call(second, 'probe', {});
    const [last] = sup.pool.pids();
    await sup.shutdown();
    expect(sup.pool.pids()).toEqual([]);
    expect(() => process.kill(last!, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });
});
