import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_RESTART_RECORDS,
  Session,
  connectDatabase,
  disconnectDatabase,
  nextEventSeq,
  recordRestart,
  silentLogger,
} from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('models-session-ops'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('session operations', () => {
  it('hands out each event sequence number exactly once under concurrency', async () => {
    await Session.create({ sessionId: 'seq', name: 'Seq' });
    const seqs = await Promise.all(Array.from({ length: 60 }, () => nextEventSeq('seq')));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await nextEventSeq('seq', 5)).toBe(65);
  });

  it('refuses to number events of an unknown session', async () => {
    await expect(nextEventSeq('missing')).rejects.toThrow('Session missing not found');
  });

  it('keeps only the most recent restart records', async () => {
    await Session.create({ sessionId: 'flappy', name: 'Flappy' });
    for (let i = 0; i < MAX_RESTART_RECORDS + 5; i++) {
      await recordRestart('flappy', { at: new Date(i * 1000), reason: `crash ${i}`, exitCode: 1 });
    }
    const doc = await Session.findOne({ sessionId: 'flappy' }).lean();
    expect(doc?.restarts).toHaveLength(MAX_RESTART_RECORDS);
    expect(doc?.restarts[0]?.reason).toBe('crash 5');
    expect(doc?.restarts.at(-1)?.reason).toBe(`crash ${MAX_RESTART_RECORDS + 4}`);
  });

  it('creates a session with zeroed metrics and a healthy status', async () => {
    const s = await Session.create({ sessionId: 'fresh', name: 'Fresh' });
    expect(s.status).toBe('created');
    expect(s.active).toBe(true);
    expect(s.eventSeq).toBe(0);
    expect(s.metrics.messagesSent).toBe(0);
    expect(s.health.healthy).toBe(true);
    await expect(Session.create({ sessionId: 'bad', name: 'Bad', status: 'nonsense' as never })).rejects.toThrow(/status/);
  });
});
