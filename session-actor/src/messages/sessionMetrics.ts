import { createSessionUpdater } from '@switchboard/shared/node';

type Counter = 'messagesSent' | 'messagesReceived' | 'chatCount' | 'connectionAttempts' | 'errorCount';

/** Counter increments waiting for the next write, and the callers waiting for it. */
interface Batch {
  inc: Record<string, number>;
  activity: boolean;
  done: Promise<void>;
  settle(err?: unknown): void;
}

/** How long counter increments wait to be written together, by default. */
export const METRICS_FLUSH_MS = 5000;

/**
 * Session metrics writes of one actor (counters are $inc so concurrent writers add up).
 * Counter updates are batched: increments made within `flushMs` go out in one Session update
 * (a message used to cost one), so counters and lastActivityAt lag by up to that long. Hot
 * paths do not wait for them; shutdown calls `flush()`. A SIGKILL loses at most the last batch
 * of counters, never a message.
 */
export class SessionMetrics {
  private pending: Batch | null = null;
  private inFlight: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private readonly updateSession = createSessionUpdater();

  constructor(
    private readonly sessionId: string,
    private readonly flushMs = METRICS_FLUSH_MS,
  ) {}

  /** Adds to counters and sets lastActivityAt; resolves once a write including them is stored. */
  count(counters: Partial<Record<Counter, number>>, activity = true): Promise<void> {
    const batch = (this.pending ??= newBatch());
    for (const [k, v] of Object.entries(counters)) batch.inc[`metrics.${k}`] = (batch.inc[`metrics.${k}`] ?? 0) + (v ?? 0);
    batch.activity ||= activity;
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
    return batch.done;
  }

  /** Writes the pending increments now; resolves once they (and earlier writes) are stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = null;
    if (!batch) return this.inFlight.then(() => undefined);
    const update: Record<string, unknown> = {};
    if (Object.keys(batch.inc).length) update.$inc = batch.inc;
    if (batch.activity) update.$set = { 'metrics.lastActivityAt': new Date() };
    const write = this.inFlight.then(() => (Object.keys(update).length ? this.update(update) : undefined));
    this.inFlight = write.catch(() => undefined);
    write.then(() => batch.settle(), (err: unknown) => batch.settle(err ?? new Error('metrics write failed')));
    return batch.done;
  }

  /** Updates this actor's Session by its `_id` (see createSessionUpdater). */
  private update(update: Record<string, unknown>): Promise<void> {
    return this.updateSession(this.sessionId, update);
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

function newBatch(): Batch {
  let settle!: Batch['settle'];
  const done = new Promise<void>((resolve, reject) => {
    settle = (err) => (err ? reject(err) : resolve());
  });
  // Callers that do not wait must not turn a failed write into an unhandled rejection.
  done.catch(() => undefined);
  return { inc: {}, activity: false, done, settle };
}
