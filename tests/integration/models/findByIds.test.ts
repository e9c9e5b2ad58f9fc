/**
 * findByIds: documents by `_id` in the order asked, with one `_id: { $in }` request per
 * IDS_PER_READ ids instead of one lookup per id (both databases search their `_id` index).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, disconnectDatabase, findByIds, IDS_PER_READ, SessionEvent, sessionEventId, silentLogger, type SessionEventDoc } from '@switchboard/shared/node';
import { queriesOn } from '../../support/queryLog.ts';
import { testDbUri } from '../../support/testDb.ts';

const at = new Date(Date.UTC(2026, 11, 5));
const STORED = IDS_PER_READ + 20;

beforeAll(async () => {
  await connectDatabase(testDbUri('find_by_ids'), silentLogger());
  await SessionEvent.insertMany(
    Array.from({ length: STORED }, (_, i) => ({ _id: sessionEventId('s', i + 1), sessionId: 's', seq: i + 1, type: 'heartbeat', payload: { type: 'heartbeat' }, at })),
  );
});
afterAll(async () => {
  await disconnectDatabase();
});

const seqs = (docs: (SessionEventDoc | null)[]) => docs.map((d) => d?.seq ?? null);

describe('findByIds', () => {
  it('returns the documents in the order asked, null for ids not stored, in one request', async () => {
    const ids = [7, 3, 9999, 5].map((seq) => sessionEventId('s', seq));
    const { result, calls } = await queriesOn('sessionevents', () => findByIds<SessionEventDoc>(SessionEvent, ids));
    expect(seqs(result)).toEqual([7, 3, null, 5]);
    expect(calls.map(([method, filter]) => [method, Object.keys(filter as object)])).toEqual([['find', ['_id']]]);
  });

  it('reads one id by _id, none without a request, and many in one request per IDS_PER_READ ids', async () => {
    expect(seqs(await findByIds<SessionEventDoc>(SessionEvent, [sessionEventId('s', 2)]))).toEqual([2]);
    const none = await queriesOn('sessionevents', () => findByIds<SessionEventDoc>(SessionEvent, []));
    expect([none.result, none.calls]).toEqual([[], []]);

    const all = Array.from({ length: STORED }, (_, i) => sessionEventId('s', i + 1));
    const { result, calls } = await queriesOn('sessionevents', () => findByIds<SessionEventDoc, Pick<SessionEventDoc, 'seq'>>(SessionEvent, all, { seq: 1 }));
    expect(result.map((d) => d?.seq)).toEqual(Array.from({ length: STORED }, (_, i) => i + 1));
    expect(calls.map(([method]) => method)).toEqual(['find', 'find']);
  });
});
