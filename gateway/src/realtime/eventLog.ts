import type { HubEvent } from '@switchboard/shared';
import { Session, SessionEvent, type SessionEventDoc } from '@switchboard/shared/node';

/** Rebuilds the hub event stored in a SessionEvent document. */
export function fromSessionEventDoc(doc: Pick<SessionEventDoc, 'sessionId' | 'seq' | 'type' | 'payload' | 'at'>): HubEvent {
  const payload = doc.payload && typeof doc.payload === 'object' ? (doc.payload as Record<string, unknown>) : {};
  return { ...payload, type: doc.type, sessionId: doc.sessionId, seq: doc.seq, at: new Date(doc.at).getTime() } as HubEvent;
}

/** Default `readEvents`: the session's events after `afterSeq`, oldest first (index sessionId+seq). */
export async function readSessionEvents(sessionId: string, afterSeq: number, limit: number): Promise<HubEvent[]> {
  const docs = await SessionEvent.find({ sessionId, seq: { $gt: afterSeq } })
    .sort({ seq: 1 })
    .limit(limit)
    .lean();
  return docs.map(fromSessionEventDoc);
}

/** Default `listSessionIds`: every session record. */
export async function listAllSessionIds(): Promise<string[]> {
  const docs = await Session.find({}, { sessionId: 1 }).lean();
  return docs.map((d) => d.sessionId);
}

/** Default `latestSeq`: the highest stored seq of a session, 0 when none. */
export async function latestSessionSeq(sessionId: string): Promise<number> {
  const doc = await SessionEvent.findOne({ sessionId }, { seq: 1 }).sort({ seq: -1 }).lean();
  return doc?.seq ?? 0;
}
