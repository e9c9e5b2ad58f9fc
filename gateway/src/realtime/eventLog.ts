import type { HubEvent } from '@switchboard/shared';
import { eventsAfterById, EVENTS_BY_ID, readEventsAfter, Session, SessionEvent, type SessionEventDoc } from '@switchboard/shared/node';

/** Rebuilds the hub event stored in a SessionEvent document. */
export function fromSessionEventDoc(doc: Pick<SessionEventDoc, 'sessionId' | 'seq' | 'type' | 'payload' | 'at'>): HubEvent {
  const payload = doc.payload && typeof doc.payload === 'object' ? (doc.payload as Record<string, unknown>) : {};
  return { ...payload, type: doc.type, sessionId: doc.sessionId, seq: doc.seq, at: new Date(doc.at).getTime() } as HubEvent;
}

/** Default `readEvents`: the session's events after `afterSeq`, oldest first (by `_id` when it can: readEventsAfter). */
export async function readSessionEvents(sessionId: string, afterSeq: number, limit: number): Promise<HubEvent[]> {
  return (await readEventsAfter(sessionId, afterSeq, limit)).map(fromSessionEventDoc);
}

/** Default `listSessionIds`: every session record. */
export async function listAllSessionIds(): Promise<string[]> {
  const docs = await Session.find({}, { sessionId: 1 }).lean();
  return docs.map((d) => d.sessionId);
}

/**
 * Default `latestSeq`: the highest stored seq of a session, 0 when none. From `from` (a client's
 * last seq on a replay that found nothing newer): when that event and the few after it are found
 * by `_id` (eventsAfterById), the highest is `from` plus their number, seqs having no gaps; the
 * highest seq by filter otherwise, which on the embedded database reads every session's events.
 */
export async function latestSessionSeq(sessionId: string, from?: number): Promise<number> {
  if (from !== undefined) {
    const after = await eventsAfterById(sessionId, from, EVENTS_BY_ID);
    if (after && after.length < EVENTS_BY_ID) return from + after.length;
  }
  const doc = await SessionEvent.findOne({ sessionId }, { seq: 1 }).sort({ seq: -1 }).lean();
  return doc?.seq ?? 0;
}
