/**
 * Group commit of event inserts across sessions (issue 13): the batches of several sessions
 * that ask to be stored while a write is in flight go out together in the next one, as one
 * ordered `insertMany` (one database request), instead of one request per session.
 *
 * Every caller keeps the semantics of an ordered insert of its own documents:
 * - stored whole: its promise resolves;
 * - the request stopped at one of its documents (ordered: the ones before it are stored, none
 *   after): it rejects with that document's error, as its own request would have (a duplicate
 *   key is E11000, code 11000; the caller reads back what was stored, eventLog.ts);
 * - the request stopped before any of its documents: they were never tried, so they go in the
 *   next request, unseen by the caller;
 * - the request failed as a whole (a lost connection): every caller gets that error.
 * A caller alone in a request makes exactly the request it would have made by itself.
 */
import { SessionEvent, writeErrorsOf } from '@switchboard/shared/node';
import type { Types } from 'mongoose';

/** The most documents stored in one request (a session's own batch is at most 64). */
const MAX_DOCS = 256;

/** A stored event, as written. */
export interface EventDoc {
  /** sessionEventId(sessionId, seq). */
  _id: Types.ObjectId;
  sessionId: string;
  seq: number;
  type: string;
  payload: unknown;
  at: Date;
}

interface Waiting {
  docs: EventDoc[];
  resolve(): void;
  reject(err: unknown): void;
}

/** Collects event inserts of all sessions and writes them in batches, one request at a time. */
export class EventInserts {
  private queue: Waiting[] = [];
  private writing = false;

  /** Stores `docs` in order (mongoose casting and defaults, as `insertMany`). */
  insert(docs: EventDoc[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ docs, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    // Let inserts asked for in the same tick join the first request.
    await Promise.resolve();
    while (this.queue.length > 0) {
      const batch: Waiting[] = [this.queue.shift()!];
      let size = batch[0]!.docs.length;
      while (this.queue.length > 0 && size + this.queue[0]!.docs.length <= MAX_DOCS) {
        const next = this.queue.shift()!;
        size += next.docs.length;
        batch.push(next);
      }
      await this.write(batch);
    }
    this.writing = false;
  }

  private async write(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const [one] = batch as [Waiting];
      const docs = one.docs;
      await (docs.length === 1 ? SessionEvent.create(docs[0]!) : SessionEvent.insertMany(docs, { ordered: true })).then(() => one.resolve(), one.reject);
      return;
    }
    try {
      await SessionEvent.insertMany(batch.flatMap((w) => w.docs), { ordered: true });
      for (const w of batch) w.resolve();
      return;
    } catch (err) {
      // An ordered insert stops at its first error.
      const failed = writeErrorsOf(err)[0];
      if (!failed || failed.index < 0) {
        for (const w of batch) w.reject(err);
        return;
      }
      const untried: Waiting[] = [];
      let start = 0;
      for (const w of batch) {
        const end = start + w.docs.length;
        if (end <= failed.index) w.resolve();
        else if (start > failed.index) untried.push(w);
        else w.reject(ownError(failed.code, failed.message, failed.index - start, w.docs.length));
        start = end;
      }
      this.queue.unshift(...untried);
    }
  }
}

/** The error a caller's own ordered insert would have thrown for its document at `index`. */
function ownError(code: number | undefined, message: string, index: number, docs: number): Error {
  const err = Object.assign(new Error(message), { code });
  // `create` of a single document reports the code alone; `insertMany` a write error list.
  return docs === 1 ? err : Object.assign(err, { writeErrors: [{ index, code, errmsg: message }] });
}
