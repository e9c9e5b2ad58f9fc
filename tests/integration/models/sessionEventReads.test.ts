/**
 * Reading a session's events after a cursor (webhook lanes, socket replays, the live gap filler):
 * by `_id` when caught up or a few events behind — no filter, which the embedded database would
 * answer by reading the whole collection — and by filter otherwise, with the same result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { connectDatabase, disconnectDatabase, readEventsAfter, SessionEvent, sessionEventId, silentLogger } from '@switchboard/shared/node';
import { filterKeys, queriesOn } from '../../support/queryLog.ts';
import { testDbUri } from '../../support/testDb.ts';

const at = new Date(Date.UTC(2026, 11, 5));
/** Events `from`..`to` of a session as the event log stores them (derived `_id`), or with random ones (stored before). */
const events = (sessionId: string, from: number, to: number, ids: 'derived' | 'random' = 'derived') =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    _id: ids === 'derived' ? sessionEventId(sessionId, from + i) : new Types.ObjectId(),
    sessionId, seq: from + i, type: 'heartbeat', payload: { type: 'heartbeat' }, at,
  }));

/** The reads on sessionevents while `fn` runs: [method, filter keys]. */
async function reads<T>(fn: () => Promise<T>): Promise<{ result: T; calls: [string, string[]][] }> {
  const { result, calls } = await queriesOn('sessionevents', fn);
  return { result, calls: calls.map((call): [string, string[]] => [call[0], filterKeys(call)]) };
}

const seqsOf = (docs: { seq: number }[]) => docs.map((d) => d.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

beforeAll(async () => {
  await connectDatabase(testDbUri('session_event_reads'), silentLogger());
  await SessionEvent.insertMany([...events('s', 1, 20), ...events('old', 1, 5, 'random'), ...events('mix', 1, 3, 'random'), ...events('mix', 4, 6)]);
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('readEventsAfter', () => {
  it('reads by _id alone when caught up or a few events behind', async () => {
    const caughtUp = await reads(() => readEventsAfter('s', 20, 100));
    expect(caughtUp.result).toEqual([]);
    const behind = await reads(() => readEventsAfter('s', 17, 100));
    expect(seqsOf(behind.result)).toEqual([18, 19, 20]);
    const limited = await reads(() => readEventsAfter('s', 2, 5));
    expect(seqsOf(limited.result)).toEqual([3, 4, 5, 6, 7]);
    // The cursor's event and the next 8 seqs (5 under a limit of 5), by primary key in one request.
    for (const { calls } of [caughtUp, behind, limited]) expect(calls).toEqual([['find', ['_id']]]);
  });

  it('reads the rest by filter when more follow than it looks up, and everything by filter from a cursor it cannot find by _id', async () => {
    const far = await reads(() => readEventsAfter('s', 2, 100));
    expect(seqsOf(far.result)).toEqual(range(3, 20));
    expect(far.calls).toEqual([['find', ['_id']], ['find', ['sessionId', 'seq']]]);
    // Stored before derived ids, from the start (cursor 0), and across the change.
    expect(seqsOf(await readEventsAfter('old', 2, 100))).toEqual([3, 4, 5]);
    expect(seqsOf(await readEventsAfter('s', 0, 3))).toEqual([1, 2, 3]);
    expect(seqsOf(await readEventsAfter('mix', 2, 100))).toEqual([3, 4, 5, 6]);
    expect(seqsOf(await readEventsAfter('mix', 3, 100))).toEqual([4, 5, 6]);
    const afterChange = await reads(() => readEventsAfter('mix', 4, 100));
    expect(seqsOf(afterChange.result)).toEqual([5, 6]);
    expect(afterChange.calls).toEqual([['find', ['_id']]]);
  });
});
