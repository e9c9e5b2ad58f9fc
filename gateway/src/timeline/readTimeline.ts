/**
 * Reads a session's timeline from the durable event log (`sessionevents`). From: GET
 * /api/sessions/:sessionId/timeline → here (bounded reads keyed by sessionId + seq, the log's
 * index) → classify.ts and gaps.ts (pure).
 */
import type { TimelineEntry } from '@switchboard/shared';
import { SessionEvent, type SessionEventDoc } from '@switchboard/shared/node';
import { fromSessionEventDoc } from '../realtime/eventLog.ts';
import { collapse, LIFECYCLE_TYPES, type LifecycleEvent } from './classify.ts';
import { countGapMessages, findGaps, gapMessageRanges, isClosed, withGapFigures, type ClosedGap, type GapMessage } from './gaps.ts';

/** Most lifecycle events read for one page (a QR left unscanned for days is thousands). */
const MAX_SCANNED = 2_000;
/** Most message events read to count the messages of a page's gaps. */
const MAX_GAP_MESSAGES = 5_000;

/** One page of the timeline: entries with `seq < before`, newest first, at most `limit`. */
export async function readTimeline(sessionId: string, opts: { limit: number; before?: number }): Promise<TimelineEntry[]> {
  const entries = await readEntries(sessionId, opts);
  const page = entries.slice(0, opts.limit);
  const gaps = findGaps(page, entries[opts.limit]);
  // A gap at the top of a later page ended (if it did) on an earlier page: find that reconnection.
  const open = gaps.find((g) => !isClosed(g));
  if (open && opts.before !== undefined) {
    const up = await SessionEvent.findOne({ sessionId, type: 'connection-state', seq: { $gte: opts.before }, 'payload.status': 'connected' })
      .sort({ seq: 1 })
      .lean();
    if (up) Object.assign(open, { upSeq: up.seq, upAt: new Date(up.at).getTime() });
  }
  const closed = gaps.filter(isClosed);
  if (closed.length === 0) return page;
  return withGapFigures(page, closed, countGapMessages(closed, await gapMessages(sessionId, closed)));
}

/**
 * Collapsed entries older than `before`, newest first: at least `limit + 1` when the log has
 * them (the extra one closes the last entry's run and tells whether it followed a connection).
 */
async function readEntries(sessionId: string, opts: { limit: number; before?: number }): Promise<TimelineEntry[]> {
  const batch = Math.min(500, Math.max(50, opts.limit * 4));
  const events: LifecycleEvent[] = [];
  let cursor = opts.before;
  for (;;) {
    const docs = await SessionEvent.find({ sessionId, type: { $in: [...LIFECYCLE_TYPES] }, ...(cursor !== undefined ? { seq: { $lt: cursor } } : {}) })
      .sort({ seq: -1 })
      .limit(batch)
      .lean();
    events.push(...docs.map((d) => fromSessionEventDoc(d) as LifecycleEvent));
    const entries = collapse(events);
    if (docs.length < batch || entries.length > opts.limit || events.length >= MAX_SCANNED) return entries;
    cursor = docs[docs.length - 1]!.seq;
  }
}

/** Incoming-message events that may belong to the gaps (bounded by seq ranges of the session). */
async function gapMessages(sessionId: string, gaps: readonly ClosedGap[]): Promise<GapMessage[]> {
  const docs = await SessionEvent.find(
    { sessionId, type: 'message', $or: gapMessageRanges(gaps) },
    { seq: 1, 'payload.message.id': 1, 'payload.message.fromMe': 1, 'payload.message.timestamp': 1 },
  )
    .limit(MAX_GAP_MESSAGES)
    .lean<Pick<SessionEventDoc, 'seq' | 'payload'>[]>();
  return docs.map((d) => {
    const m = (d.payload as { message?: { id?: unknown; fromMe?: unknown; timestamp?: unknown } } | null)?.message ?? {};
    return { seq: d.seq, id: String(m.id ?? d.seq), fromMe: m.fromMe === true, timestamp: typeof m.timestamp === 'number' ? m.timestamp : Number.NaN };
  });
}
