import { SessionEvent, sessionEventId, type SessionEventDoc } from './sessionEvent.ts';

/** How many seqs after a cursor a read looks up by `_id` before it reads by filter. */
const BY_ID = 8;

const byFilter = (sessionId: string, afterSeq: number, limit: number): Promise<SessionEventDoc[]> =>
  SessionEvent.find({ sessionId, seq: { $gt: afterSeq } }).sort({ seq: 1 }).limit(limit).lean<SessionEventDoc[]>();

/**
 * A session's events after `afterSeq`, oldest first, at most `limit` (webhook lanes, socket
 * replays, the live gap filler). On the embedded database a filter by session and seq reads the
 * whole collection, so the usual cases — caught up, or a few events behind — are read by `_id`
 * (sessionEventId): the cursor's own event and the next few seqs, in parallel. When the cursor's
 * event is found that way, every later event has a derived `_id` too (they are stored in seq
 * order) and seqs have no gaps, so the run found after it is exactly what is stored after it. A
 * cursor whose event is not found by `_id` (stored before derived ids, cleaned up, 0) and a run
 * longer than the lookups read by filter, as before. On MongoDB both ways use an index.
 */
export async function readEventsAfter(sessionId: string, afterSeq: number, limit: number): Promise<SessionEventDoc[]> {
  const n = Math.min(limit, BY_ID);
  if (afterSeq < 1 || n < 1) return byFilter(sessionId, afterSeq, limit);
  const seqs = Array.from({ length: n + 1 }, (_, i) => afterSeq + i);
  const docs = await Promise.all(seqs.map((seq) => SessionEvent.findById(sessionEventId(sessionId, seq)).lean<SessionEventDoc>()));
  const ours = (doc: SessionEventDoc | null, i: number): doc is SessionEventDoc => !!doc && doc.sessionId === sessionId && doc.seq === seqs[i];
  if (!ours(docs[0] ?? null, 0)) return byFilter(sessionId, afterSeq, limit);
  const found: SessionEventDoc[] = [];
  for (let i = 1; i < docs.length && ours(docs[i] ?? null, i); i++) found.push(docs[i]!);
  // Every lookup found one: more may follow.
  if (found.length === n && n < limit) return [...found, ...(await byFilter(sessionId, afterSeq + n, limit - n))];
  return found;
}
