import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, disconnectDatabase, Session, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../tests/support/testDb.ts';
import { SessionRecords } from './sessionRecords.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('sup_records'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('SessionRecords', () => {
  it('writes to the current document of a session, also after it was deleted and created again', async () => {
    const records = new SessionRecords(silentLogger());
    await Session.create({ sessionId: 'r1', name: 'first' });
    await records.setStatus('r1', 'connected', { lastError: null });
    expect((await Session.findOne({ sessionId: 'r1' }).lean())?.status).toBe('connected');

    await Session.deleteOne({ sessionId: 'r1' });
    await records.setStatus('r1', 'stopped'); // no document: nothing happens
    expect(await Session.countDocuments({ sessionId: 'r1' })).toBe(0);

    await Session.create({ sessionId: 'r1', name: 'again' });
    await records.actorStarted('r1', 4242, new Date(0));
    await records.health('r1', { at: new Date(1000), healthy: false, issues: ['no heartbeat'] });
    const doc = await Session.findOne({ sessionId: 'r1' }).lean();
    expect(doc).toMatchObject({ name: 'again', status: 'starting', metrics: { pid: 4242, connectionAttempts: 1 }, health: { healthy: false, issues: ['no heartbeat'] } });
  });
});

describe('SessionRecords merging', () => {
  /** An updater that records each request and holds the first until released; `inFlight` resolves when the first starts. */
  function heldUpdater() {
    const calls: { sessionId: string; update: Record<string, unknown> }[] = [];
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const inFlight = new Promise<void>((r) => (started = r));
    const update = async (sessionId: string, update: Record<string, unknown>) => {
      calls.push({ sessionId, update: structuredClone(update) });
      if (calls.length === 1) {
        started();
        await held;
      }
    };
    return { calls, update, inFlight, release: () => release() };
  }

  it('merges the updates that queue behind a write in flight into one request, in effect the same', async () => {
    const u = heldUpdater();
    const records = new SessionRecords(silentLogger(), u.update);
    const first = records.setStatus('m1', 'starting');
    await u.inFlight;
    const queued = [
      records.actorStarted('m1', 41, new Date(5)),
      records.setStatus('m1', 'connecting'),
      records.eventSeq('m1', 3),
      records.eventSeq('m1', 2),
      records.setStatus('m1', 'connected', { lastConnectedAt: new Date(9) }),
      records.metrics('m1', { rssBytes: 1, heapUsedBytes: 2, eventLoopLagMs: 0.5 }),
      records.setStatus('other', 'connected'),
    ];
    u.release();
    await Promise.all([first, ...queued]);
    expect(u.calls).toEqual([
      { sessionId: 'm1', update: { $set: { status: 'starting' } } },
      { sessionId: 'other', update: { $set: { status: 'connected' } } },
      {
        sessionId: 'm1',
        update: {
          $set: { status: 'connected', 'metrics.pid': 41, 'metrics.actorStartedAt': new Date(5), 'metrics.lastConnectedAt': new Date(9), 'metrics.rssBytes': 1, 'metrics.heapUsedBytes': 2, 'metrics.eventLoopLagMs': 0.5 },
          $inc: { 'metrics.connectionAttempts': 1 },
          $max: { eventSeq: 3 },
        },
      },
    ]);
  });

  it('never merges across another kind of write, nor two updates of one path by different operators', async () => {
    const u = heldUpdater();
    const records = new SessionRecords(silentLogger(), u.update);
    const first = records.setStatus('m2', 'starting');
    await u.inFlight;
    const a = records.actorStarted('m2', 1, new Date(0));
    const b = records.drain(); // not a write: nothing changes
    const c = records.clearCredentials('m2', '/nonexistent-dir-for-test');
    const d = records.setStatus('m2', 'qr', { lastError: 'x' });
    const e = records.restarted('m2', 'crash', 1, new Date(1));
    const f = records.setStatus('m2', 'starting', { lastError: null });
    u.release();
    await Promise.all([first, a, c, d, e, f]);
    await b;
    const updates = u.calls.map((c) => c.update);
    // starting | actorStarted | (clear credentials) | qr | (restart record) + restart update | starting
    expect(updates).toEqual([
      { $set: { status: 'starting' } },
      { $set: { status: 'starting', 'metrics.pid': 1, 'metrics.actorStartedAt': new Date(0) }, $inc: { 'metrics.connectionAttempts': 1 } },
      { $set: { status: 'qr', 'metrics.lastError': 'x' } },
      { $set: { 'metrics.lastError': 'crash', 'metrics.pid': null }, $inc: { 'metrics.errorCount': 1 } },
      { $set: { status: 'starting', 'metrics.lastError': null } },
    ]);
  });
});
