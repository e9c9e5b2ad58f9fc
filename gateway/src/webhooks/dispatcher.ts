/**
 * Delivers stored session events to webhooks. One lane per (webhook, session) walks the
 * session's event log (`sessionevents`) from the webhook's cursor, strictly in seq order: an
 * event is sent (and retried with backoff) before the next one; a delivery that is still
 * failing after the maximum age is marked failed and the lane moves on. Lanes are woken by
 * the hub's events, by their retry timers and by a periodic sweep (which also picks up what
 * happened while the gateway was down). At most `concurrency` requests are in flight.
 * From: actor → Supervisor's EventLog (stored, then published) → hub.subscribe → here →
 * next: the receiver (send.ts).
 */
import { readEventsAfter, Webhook, WebhookDelivery, type SessionEventDoc, type WebhookDeliveryDoc, type WebhookDoc } from '@switchboard/shared/node';
import type { SessionHub } from '@switchboard/shared';
import type { Logger } from 'pino';
import type { Types } from 'mongoose';
import { DEFAULT_RETRY, decideRetry, type RetryPolicy } from './backoff.ts';
import { toSocketEvents } from '../realtime/toSocketEvents.ts';
import { emissionsFor, wantsEvent, type Emission } from './envelope.ts';
import { createLimiter } from './limiter.ts';
import { attemptDelivery, attemptOnce, dueNow, queuePing, replayLane, type AttemptDeps, type WebhookControl } from './ops.ts';
import { moveCursor, queueDelivery, readCursor, recordAttempt, sessionsOf, settleSkipped } from './store.ts';

/** Timer functions (tests inject their own). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  // Unref'd: a pending retry never keeps the process alive.
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Options of the dispatcher. */
export interface WebhookDispatcherOptions {
  hub: Pick<SessionHub, 'subscribe'>;
  logger: Logger;
  /** WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  retry?: Partial<RetryPolicy>;
  /** Deadline of one request (default 10 s). */
  timeoutMs?: number;
  /** Time between sweeps (default 30 s). */
  sweepMs?: number;
  /** Requests in flight at most, across lanes (default 4). */
  concurrency?: number;
  /** Finished deliveries are deleted this long after their last change (default 7 days, as events). */
  retentionMs?: number;
  now?: () => number;
  random?: () => number;
  timers?: Timers;
  /** Called when a delivery is given up (metrics). */
  onFailed?: (webhookId: string) => void;
  /**
   * Cluster mode: whether this node holds the session's lease. Lanes of other sessions are left
   * to their owner (each node sweeps, only the owner delivers), so no event is sent twice.
   */
  owns?: (sessionId: string) => boolean;
}

/** The running dispatcher: what the routes use, plus stop. */
export interface WebhookDispatcher extends WebhookControl {
  /** Runs a sweep now; resolves when its lanes have been woken. */
  sweep(): Promise<void>;
  /** Stops timers and the hub subscription, aborts requests in flight, waits for the lanes. */
  stop(): Promise<void>;
}

interface Lane {
  chain: Promise<void>;
  queued: boolean;
  timer: unknown;
  /** `updatedAt` of the webhook as of the lane's last run: a change settles skipped deliveries. */
  seen?: number;
}

const EVENT_BATCH = 100;
const CLEANUP_EVERY_MS = 3_600_000;
/** A ping still pending this long after it was queued was interrupted (its attempt lasts ≤ the request deadline). */
const STALE_PING_MS = 600_000;

/** The dispatcher's state and steps (see the module comment); built by startWebhookDispatcher. */
class Dispatcher implements WebhookDispatcher {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly timers: Timers;
  private readonly policy: RetryPolicy;
  private readonly limit: ReturnType<typeof createLimiter>;
  private readonly abort = new AbortController();
  private readonly attemptDeps: AttemptDeps;
  private readonly lanes = new Map<string, Lane>();
  private readonly work = new Set<Promise<unknown>>();
  /** Active webhooks (id, scope) as of the last sweep: which lanes a hub event wakes. */
  private active: Pick<WebhookDoc, '_id' | 'sessionId' | 'events'>[] = [];
  private stopped = false;
  private sweepTimer: unknown;
  private sweeping: Promise<void> | null = null;
  private sweepAgain = false;
  private cleanedAt = -Infinity;
  private readonly unsubscribe: () => void;

  constructor(private readonly opts: WebhookDispatcherOptions) {
    this.log = opts.logger.child({ module: 'webhooks' });
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.timers = opts.timers ?? realTimers;
    this.policy = { ...DEFAULT_RETRY, ...opts.retry };
    this.limit = createLimiter(opts.concurrency ?? 4);
    this.attemptDeps = { allowPrivate: opts.allowPrivate, timeoutMs: opts.timeoutMs ?? 10_000, now: this.now, signal: this.abort.signal };
    this.unsubscribe = opts.hub.subscribe((e) => {
      // Only webhooks that receive something of this event: the others' cursors catch up on the
      // next wanted event or sweep, instead of costing a lane run (reads and a cursor write) each.
      const names = toSocketEvents(e).map((em) => em.name);
      for (const hook of this.active) {
        if ((hook.sessionId === null || hook.sessionId === e.sessionId) && names.some((n) => wantsEvent(hook.events, n))) this.kick(hook._id.toString(), e.sessionId);
      }
    });
    void this.sweep().then(() => this.scheduleSweep());
  }

  /** Keeps a promise until it settles, so stop() can wait for it. */
  private track<T>(p: Promise<T>): Promise<T> {
    this.work.add(p);
    void p.finally(() => this.work.delete(p)).catch(() => undefined);
    return p;
  }

  private laneOf(webhookId: string, sessionId: string): Lane {
    const key = `${webhookId}|${sessionId}`;
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { chain: Promise.resolve(), queued: false, timer: undefined }));
    return lane;
  }

  private owned(sessionId: string): boolean {
    return this.opts.owns?.(sessionId) ?? true;
  }

  /** Runs `fn` after everything queued on the lane (lane work never overlaps). */
  private enqueue(lane: Lane, fn: () => Promise<void>): Promise<void> {
    const next = lane.chain.then(fn).catch((err: unknown) => this.log.error({ err }, 'webhook lane failed'));
    lane.chain = next;
    return this.track(next);
  }

  /** Wakes a lane; wake-ups while it waits to run are one run. */
  private kick(webhookId: string, sessionId: string): void {
    if (this.stopped || !this.owned(sessionId)) return;
    const lane = this.laneOf(webhookId, sessionId);
    if (lane.queued) return;
    lane.queued = true;
    void this.enqueue(lane, async () => {
      lane.queued = false;
      if (lane.timer !== undefined) this.timers.clearTimeout(lane.timer);
      lane.timer = undefined;
      await this.runLane(lane, webhookId, sessionId);
    });
  }

  private wakeAt(lane: Lane, webhookId: string, sessionId: string, at: number): void {
    if (this.stopped) return;
    if (lane.timer !== undefined) this.timers.clearTimeout(lane.timer);
    lane.timer = this.timers.setTimeout(() => {
      lane.timer = undefined;
      this.kick(webhookId, sessionId);
    }, Math.max(0, at - this.now()));
  }

  /** Delivers the lane's events after its cursor, in order, until caught up or waiting for a retry. */
  private async runLane(lane: Lane, webhookId: string, sessionId: string): Promise<void> {
    const hook = await Webhook.findById(webhookId).lean();
    if (!hook || !hook.active || (hook.sessionId !== null && hook.sessionId !== sessionId)) return;
    // The webhook changed since this lane last ran (or this is its first run here): deliveries a
    // run with the old settings left pending and the new ones will never send are settled.
    const version = new Date(hook.updatedAt).getTime();
    if (lane.seen !== version) {
      lane.seen = version;
      await settleSkipped(hook);
    }
    let cursor = await readCursor(hook, sessionId);
    batches: while (!this.stopped) {
      const docs = await readEventsAfter(sessionId, cursor, EVENT_BATCH);
      if (!docs.length) return;
      for (const doc of docs) {
        if (!this.owned(sessionId)) return; // the lease moved: the new owner carries on from the cursor
        for (const em of emissionsFor(doc, hook.events)) {
          const retryAt = await this.deliverHead(hook, doc, em);
          if (this.stopped) return;
          if (retryAt !== null) return this.wakeAt(lane, webhookId, sessionId, retryAt);
        }
        if (!(await moveCursor(hook._id, sessionId, cursor, doc.seq))) {
          cursor = await readCursor(hook, sessionId); // moved by a replay: start from there
          continue batches;
        }
        cursor = doc.seq;
      }
    }
  }

  /** Sends one emission of the lane's head event; null when it is done, else when to try again. */
  private async deliverHead(hook: WebhookDoc, doc: SessionEventDoc, em: Emission): Promise<number | null> {
    const d = await queueDelivery(hook._id, doc.sessionId, doc.seq, em, new Date(this.now()));
    if (d.status !== 'pending') return null;
    if (d.nextAttemptAt && d.nextAttemptAt.getTime() > this.now()) return d.nextAttemptAt.getTime();
    const result = await this.limit(() => attemptDelivery(hook, d, this.attemptDeps));
    if (this.stopped) return null; // aborted by stop(): left pending, sent again after the restart
    const at = this.now();
    const webhookId = hook._id.toString();
    if (result.ok) {
      await recordAttempt(d._id, result, { status: 'delivered' }, new Date(at));
      return null;
    }
    const decision = decideRetry(d.attempts + 1, d.queuedAt.getTime(), at, this.policy, this.random);
    if ('giveUp' in decision) {
      // Settled meanwhile (the webhook changed and no longer covers it): nothing to give up.
      if (!(await recordAttempt(d._id, result, { status: 'failed' }, new Date(at), true))) return null;
      this.log.warn({ webhookId, eventId: d.eventId, attempts: d.attempts + 1, statusCode: result.statusCode }, 'webhook delivery failed, giving up');
      this.opts.onFailed?.(webhookId);
      return null;
    }
    if (!(await recordAttempt(d._id, result, { status: 'pending', nextAttemptAt: new Date(decision.retryAt) }, new Date(at), true))) return null;
    this.log.debug({ webhookId, eventId: d.eventId, statusCode: result.statusCode, retryInMs: decision.retryAt - at }, 'webhook delivery will be retried');
    return decision.retryAt;
  }

  /**
   * Deletes finished deliveries past the retention, at most hourly; and settles pings left
   * pending by a gateway that stopped during their single attempt (no lane ever sends a ping).
   */
  private async cleanup(): Promise<void> {
    if (this.now() - this.cleanedAt < CLEANUP_EVERY_MS) return;
    this.cleanedAt = this.now();
    await WebhookDelivery.updateMany(
      { status: 'pending', seq: 0, queuedAt: { $lt: new Date(this.now() - STALE_PING_MS) } },
      { $set: { status: 'failed', lastError: 'interrupted: the gateway stopped during the attempt', nextAttemptAt: null } },
    );
    const before = new Date(this.now() - (this.opts.retentionMs ?? 7 * 86_400_000));
    const res = await WebhookDelivery.deleteMany({ status: { $in: ['delivered', 'failed'] }, updatedAt: { $lt: before } });
    if (res.deletedCount) this.log.info({ deleted: res.deletedCount }, 'old webhook deliveries deleted');
  }

  private async sweepOnce(): Promise<void> {
    const hooks = await Webhook.find({ active: true }, { _id: 1, sessionId: 1, events: 1 }).lean();
    this.active = hooks;
    for (const hook of hooks) for (const sessionId of await sessionsOf(hook)) this.kick(hook._id.toString(), sessionId);
    await this.cleanup();
  }

  sweep(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.sweeping) {
      this.sweepAgain = true;
      return this.sweeping;
    }
    this.sweeping = this.track(
      (async () => {
        do {
          this.sweepAgain = false;
          await this.sweepOnce().catch((err: unknown) => this.log.error({ err }, 'webhook sweep failed'));
        } while (this.sweepAgain && !this.stopped);
        this.sweeping = null;
      })(),
    );
    return this.sweeping;
  }

  private scheduleSweep(): void {
    if (this.stopped) return;
    this.sweepTimer = this.timers.setTimeout(() => void this.sweep().then(() => this.scheduleSweep()), this.opts.sweepMs ?? 30_000);
  }

  changed(): void {
    void this.sweep();
  }

  replay(webhookId: Types.ObjectId, sessionId: string, fromSeq: number): Promise<void> {
    const lane = this.laneOf(webhookId.toString(), sessionId);
    return this.enqueue(lane, () => replayLane(webhookId, sessionId, fromSeq)).then(() => this.kick(webhookId.toString(), sessionId));
  }

  async redeliver(hook: WebhookDoc, d: WebhookDeliveryDoc): Promise<void> {
    if (d.status === 'pending') {
      await dueNow(d, new Date(this.now()));
      this.kick(hook._id.toString(), d.sessionId);
      return;
    }
    void this.track(this.limit(() => attemptOnce(hook, d, this.attemptDeps)).catch((err: unknown) => this.log.error({ err }, 'webhook redelivery failed')));
  }

  async ping(hook: WebhookDoc): Promise<WebhookDeliveryDoc> {
    const d = await queuePing(hook, new Date(this.now()));
    return this.track(this.limit(() => attemptOnce(hook, d, this.attemptDeps)));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    if (this.sweepTimer !== undefined) this.timers.clearTimeout(this.sweepTimer);
    for (const lane of this.lanes.values()) if (lane.timer !== undefined) this.timers.clearTimeout(lane.timer);
    this.abort.abort();
    while (this.work.size) await Promise.allSettled([...this.work]);
  }
}

/** Starts delivering: subscribes to the hub and runs a first sweep at once. */
export function startWebhookDispatcher(opts: WebhookDispatcherOptions): WebhookDispatcher {
  return new Dispatcher(opts);
}
