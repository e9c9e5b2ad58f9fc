/**
 * Numbers, persists and publishes actor events. Each session's events are handled strictly in
 * arrival order: the event gets the next seq, is written to SessionEvent (unique on
 * sessionId+seq), then subscribers get the HubEvent. So a reconnecting client can replay
 * `seq > lastSeen` from the database without gaps or reordering.
 *
 * The counter lives in this process (this node owns the session), seeded from the highest
 * stored seq and mirrored to Session.eventSeq with $max when the session's queue drains (at
 * most every few seconds, and on drain), so it survives clean-up of old events. It is not an $inc on the Session
 * document because FerretDB 1.24 loses concurrent updates to one document, and the actor
 * updates that document too (metrics): a lost $inc would hand out a seq twice.
 *
 * Nothing is published ahead of the database (issue 14), so "a client replaying from seq N sees
 * every event after N" holds: a write that fails transiently is retried in place (the session's
 * later events wait behind it, keeping seq order); a seq is consumed only once its event is
 * stored. An event that cannot be stored (a permanent error, or retries exhausted) is dropped
 * for everyone, live subscribers included, and its seq goes to the next event: no gap.
 *
 * Group commit (issue 13): events of a session that queue up while a write is in flight are
 * numbered together and stored with one `insertMany` (one database request) instead of one
 * insert each. If that write fails, what it stored is read back (an ordered insert stores a
 * prefix), published, and the rest go one by one through the careful single-event path.
 * Without fencing, the batches of different sessions that are ready together share one request
 * too (eventInserts.ts), each keeping the outcome of its own ordered insert.
 *
 * Fencing (cluster mode): with `setFence` (the fencing token of this node's lease on a session,
 * from the lease keeper), every write carries the token, in the same ordered request as the
 * events: first a fence document of the session (`_id` `fence|<sessionId>`, seq 0, which no
 * reader asks for) is raised to the token, which fails on its `_id` when a newer owner raised it
 * higher; then the events, which an ordered write does not reach after that failure. So a node
 * that lost the session (frozen past its lease, say) cannot store one event more, even if it
 * still believes it holds the lease: its events are dropped, and the new owner numbers the
 * session's events from then on. Without a fence (single node) nothing is added.
 */
import type { ActorEvent, HubEvent } from '@switchboard/shared';
import { fenceFilter, Session, SessionEvent, isTransientDbError, retryTransient, sessionEventId, writeErrorsOf, type TransientRetryPolicy } from '@switchboard/shared/node';
import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { SessionRecords } from '../sessionRecords.ts';
import { EventInserts, type EventDoc } from './eventInserts.ts';

/** How often, at most, a busy session's last seq is mirrored to its Session document. */
const MIRROR_EVERY_MS = 5_000;

/** Retries of a failed event write or seq read: 0.2 s doubling to 5 s, 12 tries (about 40 s of waits). */
const DEFAULT_RETRY: TransientRetryPolicy = { baseMs: 200, capMs: 5_000, maxAttempts: 12 };

const DUPLICATE_KEY = 11000;

/** `at` of fence documents: never older than any retention cut-off, never "before" anything. */
const FENCE_AT = new Date(Date.UTC(9999, 11, 31));

/** The write that passes only for a writer whose token is not older than the session's event fence. */
function eventFenceOp(sessionId: string, token: number) {
  return {
    updateOne: {
      filter: { _id: `fence|${sessionId}` as unknown as Types.ObjectId, ...fenceFilter(token) },
      update: { $set: { sessionId, seq: 0, type: 'fence', payload: null, at: FENCE_AT, fence: token } },
      upsert: true,
    },
  };
}

/** True when a fenced write failed on its fence (a newer owner's token). */
function fenceRefused(err: unknown): boolean {
  return writeErrorsOf(err).some((e) => e.index === 0 && e.code === DUPLICATE_KEY);
}

/** True when the write failed because an event's seq is taken (the fence passed, if any). */
function seqTaken(err: unknown): boolean {
  if ((err as { code?: unknown } | null)?.code === DUPLICATE_KEY && writeErrorsOf(err).length === 0) return true;
  return writeErrorsOf(err).some((e) => e.code === DUPLICATE_KEY && e.index !== 0);
}

/** How many times an event is renumbered when its seq was taken by another writer. */
const MAX_RENUMBER = 3;

/** The most events stored in one request. */
const MAX_BATCH = 64;

/** One queued event and whoever waits for its outcome. */
interface Pending {
  event: ActorEvent;
  after: Promise<unknown> | undefined;
  resolve(published: HubEvent | null): void;
}

/** Per-session ordered event pipeline with fan-out to subscribers. */
export class EventLog {
  private readonly queues = new Map<string, Pending[]>();
  /** The running writer of each session with queued events. */
  private readonly writers = new Map<string, Promise<void>>();
  private readonly listeners = new Set<(event: HubEvent) => void>();
  private readonly lastSeq = new Map<string, number>();
  private readonly mirroredSeq = new Map<string, number>();
  private readonly mirroredAt = new Map<string, number>();
  /** Per session: whether every event appended since the last `settled` call was stored. */
  private readonly outcomes = new Map<string, Promise<boolean>>();
  private readonly retry: TransientRetryPolicy;
  private readonly inserts = new EventInserts();
  /** Sessions whose next count must read every stored event (a seq was taken, a batch failed). */
  private readonly rescan = new Set<string>();
  /** Cluster mode: this node's fencing token for a session (undefined: not held). */
  private fence: ((sessionId: string) => number | undefined) | null = null;

  constructor(
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly records: SessionRecords,
    retry: Partial<TransientRetryPolicy> = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...retry };
  }

  /**
   * Queues one event of a session; resolves with the published HubEvent (null if it failed).
   * `after` (e.g. the Session status write the event announces) is awaited before publishing,
   * so a subscriber that reads the database on an event sees what the event says.
   */
  append(sessionId: string, event: ActorEvent, after?: Promise<unknown>): Promise<HubEvent | null> {
    const published = new Promise<HubEvent | null>((resolve) => {
      const queue = this.queues.get(sessionId) ?? [];
      queue.push({ event, after, resolve });
      this.queues.set(sessionId, queue);
      if (!this.writers.has(sessionId)) this.writers.set(sessionId, this.write(sessionId));
    });
    const before = this.outcomes.get(sessionId) ?? Promise.resolve(true);
    this.outcomes.set(sessionId, Promise.all([before, published]).then(([ok, e]) => ok && e !== null));
    return published;
  }

  /**
   * Resolves once every event appended for the session so far is stored or dropped: true when
   * all were stored. The next call counts from here (an actor's barrier: envelope.ts).
   */
  settled(sessionId: string): Promise<boolean> {
    const outcome = this.outcomes.get(sessionId) ?? Promise.resolve(true);
    this.outcomes.delete(sessionId);
    return outcome;
  }

  /** Fences every later write with this node's token of the session (cluster mode; see the file comment). */
  setFence(fenceOf: (sessionId: string) => number | undefined): void {
    this.fence = fenceOf;
  }

  /** Logs events dropped because this node no longer owns their session. */
  private fenced(sessionId: string, events: number): null {
    this.log.warn({ sessionId, events }, 'events dropped: session fenced (lease lost)');
    return null;
  }

  /** False when fencing is on and this node holds no lease on the session (no request). */
  private holds(sessionId: string): boolean {
    return !this.fence || this.fence(sessionId) !== undefined;
  }

  /**
   * Stores events in one ordered request; with fencing, behind the session's fence: 'fenced'
   * when a newer owner raised it (nothing stored). Other failures are thrown as they come.
   */
  private async insert(sessionId: string, docs: EventDoc[]): Promise<'stored' | 'fenced'> {
    const token = this.fence?.(sessionId);
    if (!this.fence) {
      // With the events of other sessions that are ready at the same time: one request (eventInserts.ts).
      await this.inserts.insert(docs);
      return 'stored';
    }
    if (token === undefined) return 'fenced';
    try {
      // The native collection: the fence document's `_id` is a string, which the model would cast.
      await SessionEvent.collection.bulkWrite([eventFenceOp(sessionId, token), ...docs.map((document) => ({ insertOne: { document } }))], { ordered: true });
      return 'stored';
    } catch (err) {
      if (fenceRefused(err)) return 'fenced';
      throw err;
    }
  }

  /** Stores and publishes a session's queued events, a batch at a time, until none is left. */
  private async write(sessionId: string): Promise<void> {
    // Let the caller's synchronous burst of appends join the first batch.
    await Promise.resolve();
    for (;;) {
      const queue = this.queues.get(sessionId) ?? [];
      if (queue.length === 0) break;
      const batch: Pending[] = [];
      while (queue.length > 0 && batch.length < MAX_BATCH) {
        const next = queue[0]!;
        // What an event waits for may itself wait for earlier events (a status change waits for
        // its own connection-state event): publish what is collected before waiting.
        if (next.after && batch.length > 0) break;
        queue.shift();
        if (next.after) await next.after.catch(() => undefined);
        batch.push(next);
      }
      try {
        if (batch.length === 1) batch[0]!.resolve(await this.persistAndPublish(sessionId, batch[0]!.event));
        else await this.persistBatch(sessionId, batch);
      } catch (err) {
        // Not expected (both paths turn failures into null); never leave a caller waiting.
        this.log.error({ err, sessionId }, 'event batch failed');
        for (const p of batch) p.resolve(null);
      }
    }
    this.queues.delete(sessionId);
    this.writers.delete(sessionId);
    // Mirrored when the session's queue is idle, at most every MIRROR_EVERY_MS (and on drain).
    const last = this.mirroredAt.get(sessionId);
    if (last === undefined || this.now() - last >= MIRROR_EVERY_MS) this.mirror(sessionId);
  }

  /**
   * Numbers a batch after the current seq and stores it in one ordered insert. On failure, the
   * prefix that reached the database (read back by seq, type and time) is published and the
   * rest go through persistAndPublish one by one, which renumbers them after what is stored.
   */
  private async persistBatch(sessionId: string, batch: Pending[]): Promise<void> {
    if (!this.holds(sessionId)) {
      this.fenced(sessionId, batch.length);
      for (const p of batch) p.resolve(null);
      return;
    }
    let first: number;
    try {
      first = (await this.retrying(sessionId, 'event seq read failed, retrying', () => this.currentSeq(sessionId))) + 1;
    } catch (err) {
      this.log.error({ err, sessionId, events: batch.length }, 'events dropped: no sequence number');
      for (const p of batch) p.resolve(null);
      return;
    }
    const at = this.now();
    const hubEvents = batch.map((p, i) => ({ ...p.event, sessionId, seq: first + i, at }) as HubEvent);
    const docs = batch.map((p, i) => ({ _id: sessionEventId(sessionId, first + i), sessionId, seq: first + i, type: p.event.type, payload: p.event, at: new Date(at) }));
    let stored = batch.length;
    try {
      if ((await this.insert(sessionId, docs)) === 'fenced') {
        this.fenced(sessionId, batch.length);
        for (const p of batch) p.resolve(null);
        return;
      }
    } catch (err) {
      this.log.warn({ err, sessionId, events: batch.length }, 'event batch write failed, checking what was stored');
      stored = await this.storedPrefix(sessionId, hubEvents);
    }
    for (let i = 0; i < stored; i += 1) {
      this.lastSeq.set(sessionId, hubEvents[i]!.seq);
      this.publish(hubEvents[i]!);
      batch[i]!.resolve(hubEvents[i]!);
    }
    if (stored < batch.length) {
      // The counter may be stale (another writer) or the rest simply failed: count again, from
      // everything stored (an event stored under a random `_id` is invisible to the probe).
      this.lastSeq.delete(sessionId);
      this.rescan.add(sessionId);
      for (const p of batch.slice(stored)) p.resolve(await this.persistAndPublish(sessionId, p.event));
    }
  }

  /** How many of the batch's events (from the first) are stored as this batch wrote them; 0 when that cannot be read. */
  private async storedPrefix(sessionId: string, hubEvents: HubEvent[]): Promise<number> {
    const seqs = hubEvents.map((e) => e.seq);
    try {
      const found = await this.retrying(sessionId, 'event batch read-back failed, retrying', () =>
        SessionEvent.find({ sessionId, seq: { $gte: seqs[0]!, $lte: seqs[seqs.length - 1]! } }, { seq: 1, type: 1, at: 1 }).lean(),
      );
      const bySeq = new Map(found.map((d) => [d.seq, d]));
      let n = 0;
      for (const e of hubEvents) {
        const d = bySeq.get(e.seq);
        if (!d || d.type !== e.type || new Date(d.at).getTime() !== e.at) break;
        n += 1;
      }
      return n;
    } catch (err) {
      this.log.error({ err, sessionId }, 'event batch read-back failed');
      return 0;
    }
  }

  private async persistAndPublish(sessionId: string, event: ActorEvent): Promise<HubEvent | null> {
    for (let round = 0; round < MAX_RENUMBER; round += 1) {
      if (!this.holds(sessionId)) return this.fenced(sessionId, 1);
      let seq: number;
      try {
        seq = (await this.retrying(sessionId, 'event seq read failed, retrying', () => this.currentSeq(sessionId))) + 1;
      } catch (err) {
        this.log.error({ err, sessionId, type: event.type }, 'event dropped: no sequence number');
        return null;
      }
      const hubEvent = { ...event, sessionId, seq, at: this.now() } as HubEvent;
      let outcome: 'stored' | 'taken' | 'fenced';
      try {
        outcome = await this.store(hubEvent, event);
      } catch (err) {
        // Not published either: live clients and a replay must see the same events.
        this.log.error({ err, sessionId, seq, type: event.type }, 'event dropped: not persisted');
        return null;
      }
      if (outcome === 'fenced') return this.fenced(sessionId, 1);
      if (outcome === 'taken') {
        // Another writer holds this seq (the counter is stale): count again from the database.
        this.log.warn({ sessionId, seq, type: event.type }, 'event seq taken, renumbering');
        this.lastSeq.delete(sessionId);
        this.rescan.add(sessionId);
        continue;
      }
      this.lastSeq.set(sessionId, seq);
      this.publish(hubEvent);
      return hubEvent;
    }
    this.log.error({ sessionId, type: event.type }, 'event dropped: no free sequence number');
    return null;
  }

  /** Writes one event, retrying transient faults; 'taken' when its seq belongs to another event, 'fenced' when a newer owner holds the session. */
  private store(hubEvent: HubEvent, event: ActorEvent): Promise<'stored' | 'taken' | 'fenced'> {
    const { sessionId, seq, at } = hubEvent;
    let uncertain = false;
    return this.retrying(sessionId, 'event write failed, retrying', async () => {
      try {
        return await this.insert(sessionId, [{ _id: sessionEventId(sessionId, seq), sessionId, seq, type: event.type, payload: event, at: new Date(at) }]);
      } catch (err) {
        if (!seqTaken(err)) {
          // A try that died with its connection may have been written all the same.
          if (isTransientDbError(err)) uncertain = true;
          throw err;
        }
        if (!uncertain) return 'taken';
        const stored = await SessionEvent.findById(sessionEventId(sessionId, seq), { type: 1, at: 1 }).lean();
        return stored?.type === event.type && stored.at.getTime() === at ? 'stored' : 'taken';
      }
    });
  }

  private retrying<T>(sessionId: string, message: string, task: () => Promise<T>): Promise<T> {
    return retryTransient(task, {
      ...this.retry,
      onRetry: (err, attempt, delayMs) => this.log.warn({ err, sessionId, attempt, delayMs }, message),
    });
  }

  private publish(hubEvent: HubEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(hubEvent);
      } catch (err) {
        this.log.error({ err, sessionId: hubEvent.sessionId, seq: hubEvent.seq }, 'event subscriber threw');
      }
    }
  }

  /**
   * The session's last stored seq. Known in memory once this process numbered an event; else
   * the Session's mirror (exact after a clean stop, at most MIRROR_EVERY_MS of events behind
   * after a crash) followed by the events stored after it, found one by one by `_id`
   * (sessionEventId): the embedded database scans the whole collection for any other filter, so
   * the first event of every session after a restart scanned every session's events. The full
   * read — the highest seq stored — is kept for when a seq turned out taken or a batch failed.
   */
  private async currentSeq(sessionId: string): Promise<number> {
    const known = this.lastSeq.get(sessionId);
    if (known !== undefined) return known;
    const session = await Session.findOne({ sessionId }, { eventSeq: 1 }).lean();
    if (!session) throw new Error(`Session ${sessionId} not found`);
    let seq = session.eventSeq ?? 0;
    if (this.rescan.has(sessionId)) {
      const latest = await SessionEvent.findOne({ sessionId }, { seq: 1 }).sort({ seq: -1 }).lean();
      this.rescan.delete(sessionId);
      return Math.max(latest?.seq ?? 0, seq);
    }
    while (await SessionEvent.exists({ _id: sessionEventId(sessionId, seq + 1) })) seq += 1;
    return seq;
  }

  /** Adds a subscriber; returns the unsubscribe function. */
  subscribe(listener: (event: HubEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private mirror(sessionId: string): void {
    const seq = this.lastSeq.get(sessionId);
    if (seq === undefined || this.mirroredSeq.get(sessionId) === seq) return;
    this.mirroredAt.set(sessionId, this.now());
    this.mirroredSeq.set(sessionId, seq);
    void this.records.eventSeq(sessionId, seq);
  }

  /** Resolves once every queued event has been handled and every last seq mirrored. */
  async drain(): Promise<void> {
    while (this.writers.size) await Promise.all([...this.writers.values()]);
    for (const sessionId of this.lastSeq.keys()) this.mirror(sessionId);
  }
}
