import { KeyedQueue } from '../util/keyedQueue.ts';
import { MAX_RESTART_RECORDS, Session, type RestartRecord } from './session.ts';

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
