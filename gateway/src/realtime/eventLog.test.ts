/**
 * The default event reads of the realtime layer against the real database: the highest stored
 * seq of a session, found by `_id` from a client's last seq (no filter, which the embedded
 * database answers by reading every session's events), and by filter when that cannot work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { connectDatabase, disconnectDatabase, SessionEvent, sessionEventId, silentLogger } from '@switchboard/shared/node';
import { filterKeys, queriesOn } from '../../../tests/support/queryLog.ts';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { latestSessionSeq } from './eventLog.ts';

const at = new Date(Date.UTC(2026, 11, 5));
const events = (sessionId: string, to: number, ids: 'derived' | 'random') =>
  Array.from({ length: to }, (_, i) => ({
    _id: ids === 'derived' ? sessionEventId(sessionId, i + 1) : new Types.ObjectId(),
    sessionId, seq: i + 1, type: 'heartbeat', payload: { type: 'heartbeat' }, at,
  }));

/** The filters of the reads on sessionevents while `fn` runs (their keys, comma-separated). */
async function filters<T>(fn: () => Promise<T>): Promise<{ result: T; keys: string[] }> {
  const { result, calls } = await queriesOn('sessionevents', fn);
  return { result, keys: calls.map((call) => filterKeys(call).join()) };
}

beforeAll(async () => {
  await connectDatabase(testDbUri('realtime_event_log'), silentLogger());
  await SessionEvent.insertMany([...events('live', 5, 'derived'), ...events('before', 4, 'random')]);
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('latestSessionSeq', () => {
  it('finds the highest seq by _id alone from a seq that is stored, whether or not more follow', async () => {
    for (const from of [5, 3]) {
      const { result, keys } = await filters(() => latestSessionSeq('live', from));
      expect(result).toBe(5);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((k) => k === '_id')).toBe(true);
    }
  });

  it('reads the highest seq by filter without a starting seq, from one not stored, and for events stored with random ids', async () => {
    for (const [sessionId, from, latest] of [['live', undefined, 5], ['live', 9, 5], ['before', 2, 4], ['none', 1, 0]] as const) {
      const { result, keys } = await filters(() => latestSessionSeq(sessionId, from));
      expect(result).toBe(latest);
      expect(keys).toContain('sessionId');
    }
  });
});
