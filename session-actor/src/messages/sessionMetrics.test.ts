import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, disconnectDatabase, Session, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { SessionMetrics } from './sessionMetrics.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('actor_metrics'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('SessionMetrics', () => {
  it('adds up a burst of counter updates, each resolving once its increment is stored', async () => {
    await Session.create({ sessionId: 'm1', name: 'm1' });
    const metrics = new SessionMetrics('m1', 20);
    const storedWhenResolved: { call: number; stored: number }[] = [];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        metrics.count(i % 4 === 0 ? { messagesSent: 1 } : { messagesReceived: 1 }).then(async () => {
          const doc = await Session.findOne({ sessionId: 'm1' }).lean();
          storedWhenResolved.push({ call: i, stored: (doc?.metrics.messagesReceived ?? 0) + (doc?.metrics.messagesSent ?? 0) });
        }),
      ),
    );
    const doc = await Session.findOne({ sessionId: 'm1' }).lean();
    expect(doc?.metrics).toMatchObject({ messagesReceived: 30, messagesSent: 10 });
    expect(doc?.metrics.lastActivityAt).toBeInstanceOf(Date);
    // When call i resolves, its increment and those of every earlier call are stored.
    for (const { call, stored } of storedWhenResolved) expect(stored, `call ${call}`).toBeGreaterThanOrEqual(call + 1);

    // Later calls after an idle period are written too; a call with nothing to add is a no-op.
    await metrics.count({ connectionAttempts: 1 }, false);
    await metrics.count({}, false);
    expect((await Session.findOne({ sessionId: 'm1' }).lean())?.metrics.connectionAttempts).toBe(1);
  });

  it('keeps writing to the session after its document was deleted and created again', async () => {
    await Session.create({ sessionId: 'm2', name: 'm2' });
    const metrics = new SessionMetrics('m2', 20);
    await metrics.count({ messagesReceived: 2 });
    await Session.deleteOne({ sessionId: 'm2' });
    await Session.create({ sessionId: 'm2', name: 'again' });
    await metrics.count({ messagesReceived: 1 });
    await metrics.set({ 'metrics.lastDisconnectCause': 'network' });
    expect((await Session.findOne({ sessionId: 'm2' }).lean())?.metrics).toMatchObject({ messagesReceived: 1, lastDisconnectCause: 'network' });
  });

  it('writes a burst as one batch after the flush delay, or at once on flush()', async () => {
    await Session.create({ sessionId: 'm3', name: 'm3' });
    const metrics = new SessionMetrics('m3', 60_000);
    const waiting = [metrics.count({ messagesReceived: 1 }), metrics.count({ messagesReceived: 1 }), metrics.count({ messagesSent: 1 })];
    // Nothing is written before the delay (a minute here)...
    expect((await Session.findOne({ sessionId: 'm3' }).lean())?.metrics.messagesReceived).toBe(0);
    // ...and flush() (shutdown) writes everything pending and settles every waiting caller.
    await metrics.flush();
    await Promise.all(waiting);
    expect((await Session.findOne({ sessionId: 'm3' }).lean())?.metrics).toMatchObject({ messagesReceived: 2, messagesSent: 1 });
    await metrics.flush(); // nothing pending: a no-op
  });
});
