import { findByIds } from '../db/findByIds.ts';
import { SessionEvent, sessionEventId, type SessionEventDoc } from './sessionEvent.ts';

/** How many seqs after a cursor a read looks up by `_id` before it reads by filter. */
export const EVENTS_BY_ID = 8;

const byFilter = (sessionId: string, afterSeq: number, limit: number): Promise<SessionEventDoc[]> =>
  SessionEvent.find({ sessionId, seq: { $gt: afterSeq } }).sort({ seq: 1 }).limit(limit).lean<SessionEventDoc[]>();

/**
 * The events right after `afterSeq` read by `_id` (sessionEventId), at most `n`: the cursor's own
 * event and the next `n` seqs, in one `_id: { $in }` request. Null when the cursor's event is not found that way
 * (stored before derived ids, cleaned up, 0). Otherwise every later event has a derived `_id` too
 * (they are stored in seq order) and seqs have no gaps, so fewer than `n` means nothing more is
 * stored. On the embedded database this reads no filter, which it would answer by reading the
 * whole collection.
 */
export async function eventsAfterById(sessionId: string, afterSeq: number, n: number): Promise<SessionEventDoc[] | null> {
  if (afterSeq < 1 || n < 1) return null;
  const seqs = Array.from({ length: n + 1 }, (_, i) => afterSeq + i);
  const docs = await findByIds<SessionEventDoc>(SessionEvent, seqs.map((seq) => sessionEventId(sessionId, seq)));
  const ours = (i: number): boolean => docs[i]?.sessionId === sessionId && docs[i]?.seq === seqs[i];
  if (!ours(0)) return null;
  const found: SessionEventDoc[] = [];
  for (let i = 1; i < docs.length && ours(i); i++) found.push(docs[i]!);
  return found;
}

/**
 * A session's events after `afterSeq`, oldest first, at most `limit` (webhook lanes, socket
 * replays, the live gap filler): caught up or a few events behind, by `_id` (eventsAfterById);
 * a cursor not found by `_id` and a run longer than the lookups, by filter as before. On MongoDB
 * both ways use an index.
 */
export async function readEventsAfter(sessionId: string, afterSeq: number, limit: number): Promise<SessionEventDoc[]> {
  const n = Math.min(limit, EVENTS_BY_ID);
  const found = await eventsAfterById(sessionId, afterSeq, n);
  if (!found) return byFilter(sessionId, afterSeq, limit);
  // Every lookup found one: more may follow.
  if (found.length === n && n < limit) return [...found, ...(await byFilter(sessionId, afterSeq + n, limit - n))];
  return found;
}
