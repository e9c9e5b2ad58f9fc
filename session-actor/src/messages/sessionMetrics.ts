import type { Types } from 'mongoose';
import { Session } from '@switchboard/shared/node';

type Counter = 'messagesSent' | 'messagesReceived' | 'chatCount' | 'connectionAttempts' | 'errorCount';

/** One coalesced counter write: what it adds, and the callers waiting for it. */
interface Batch {
  inc: Record<string, number>;
  activity: boolean;
  done: Promise<void>;
}

/**
 * Session metrics writes of one actor (counters are $inc so concurrent writers add up).
 * Counter updates coalesce: while one write is in flight, later calls join the next one, so a
 * burst of messages costs a couple of Session updates instead of one per message.
 */
export class SessionMetrics {
  private inFlight: Promise<void> | null = null;
  private next: Batch | null = null;
  private id: Types.ObjectId | null = null;

  constructor(private readonly sessionId: string) {}

  /**
   * Updates this actor's Session by its `_id` (a primary-key lookup, where a filter on
   * sessionId scans the sessions on the embedded database). The `_id` is looked up once, and
   * again if the document was replaced (deleted and created anew under the same sessionId).
   */
  private async update(update: Record<string, unknown>): Promise<void> {
    if (this.id && (await Session.updateOne({ _id: this.id }, update)).matchedCount === 1) return;
    this.id = (await Session.findOne({ sessionId: this.sessionId }, { _id: 1 }).lean())?._id ?? null;
    if (this.id) await Session.updateOne({ _id: this.id }, update);
  }

  /** Adds to counters and sets lastActivityAt; resolves once a write including them is stored. */
  count(counters: Partial<Record<Counter, number>>, activity = true): Promise<void> {
    const batch = (this.next ??= this.newBatch());
    for (const [k, v] of Object.entries(counters)) batch.inc[`metrics.${k}`] = (batch.inc[`metrics.${k}`] ?? 0) + (v ?? 0);
    batch.activity ||= activity;
    return batch.done;
  }

  private newBatch(): Batch {
    const batch = { inc: {}, activity: false } as Batch;
    const previous = this.inFlight ?? Promise.resolve();
    // The batch is written after the one in flight, with whatever joined it until then.
    batch.done = previous.then(() => {
      if (this.next === batch) this.next = null;
      const update: Record<string, unknown> = {};
      if (Object.keys(batch.inc).length) update.$inc = batch.inc;
      if (batch.activity) update.$set = { 'metrics.lastActivityAt': new Date() };
      if (Object.keys(update).length === 0) return undefined;
      return this.update(update);
    });
    const settled = batch.done.catch(() => undefined);
    this.inFlight = settled;
    void settled.then(() => {
      if (this.inFlight === settled) this.inFlight = null;
    });
    return batch;
  }

  /** Records an error: errorCount + 1 and lastError (a short message, never a body or secret). */
  async error(message: string): Promise<void> {
    await this.update({ $inc: { 'metrics.errorCount': 1 }, $set: { 'metrics.lastError': message.slice(0, 500) } });
  }

  /** Sets arbitrary session fields (status, me, device, metrics.* ...). */
  async set(fields: Record<string, unknown>): Promise<void> {
    await this.update({ $set: fields });
  }
}
