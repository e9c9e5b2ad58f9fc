import { KeyedQueue } from '../util/keyedQueue.ts';
import { MAX_RESTART_RECORDS, Session, type RestartRecord, type SessionDoc } from './session.ts';

// One writer at a time per session in this process: FerretDB 1.24 loses concurrent updates of
// one document (read-modify-write without isolation). Across processes, keep one writer per
// field: the supervisor process owns eventSeq and restarts.
const perSession = new KeyedQueue();

/**
 * Reserves the next `count` event sequence numbers of a session (1, 2, 3, ...) and returns the
 * last one reserved. Serialized per session within the process. Throws when the session does
 * not exist.
 */
export function nextEventSeq(sessionId: string, count = 1): Promise<number> {
  return perSession.run(sessionId, async () => {
    const doc = await Session.findOneAndUpdate(
      { sessionId },
      { $inc: { eventSeq: count } },
      { returnDocument: 'after' },
    ).lean();
    if (!doc) throw new Error(`Session ${sessionId} not found`);
    return doc.eventSeq;
  });
}

/**
 * Appends a restart record, keeping only the last MAX_RESTART_RECORDS. `$slice` trims on
 * MongoDB; FerretDB ignores it, so an oversized array is trimmed with a second write.
 */
export function recordRestart(sessionId: string, record: RestartRecord): Promise<void> {
  return perSession.run(sessionId, async () => {
    const doc = await Session.findOneAndUpdate(
      { sessionId },
      { $push: { restarts: { $each: [record], $slice: -MAX_RESTART_RECORDS } } },
      { returnDocument: 'after' },
    ).lean();
    if (doc && doc.restarts.length > MAX_RESTART_RECORDS) {
      await Session.updateOne({ sessionId }, { $set: { restarts: doc.restarts.slice(-MAX_RESTART_RECORDS) } });
    }
  });
}

/** Updates the Session of a sessionId (no-op when there is none). */
export type SessionUpdater = (sessionId: string, update: Record<string, unknown>) => Promise<void>;

/**
 * An updater that finds each Session by `_id` after the first write: a primary-key lookup on
 * every server, where a filter on sessionId scans the sessions on the embedded FerretDB. The
 * `_id` is looked up again when the document was replaced (deleted, then created anew under the
 * same sessionId). One per process that keeps writing to sessions (supervisor, actor).
 */
export function createSessionUpdater(): SessionUpdater {
  const ids = new Map<string, SessionDoc['_id']>();
  return async (sessionId, update) => {
    const known = ids.get(sessionId);
    if (known && (await Session.updateOne({ _id: known }, update)).matchedCount === 1) return;
    const doc = await Session.findOne({ sessionId }, { _id: 1 }).lean();
    if (!doc) {
      ids.delete(sessionId);
      return;
    }
    ids.set(sessionId, doc._id);
    await Session.updateOne({ _id: doc._id }, update);
  };
}
