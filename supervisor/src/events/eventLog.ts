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
 */
import type { ActorEvent, HubEvent } from '@switchboard/shared';
import { Session, SessionEvent, isTransientDbError, retryTransient, type TransientRetryPolicy } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import type { SessionRecords } from '../sessionRecords.ts';

/** How often, at most, a busy session's last seq is mirrored to its Session document. */
const MIRROR_EVERY_MS = 5_000;

/** Retries of a failed event write or seq read: 0.2 s doubling to 5 s, 12 tries (about 40 s of waits). */
const DEFAULT_RETRY: TransientRetryPolicy = { baseMs: 200, capMs: 5_000, maxAttempts: 12 };

const DUPLICATE_KEY = 11000;

/** How many times an event is renumbered when its seq was taken by another writer. */
const MAX_RENUMBER = 3;

/** Per-session ordered event pipeline with fan-out to subscribers. */
export class EventLog {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<(event: HubEvent) => void>();
  private readonly lastSeq = new Map<string, number>();
  private readonly mirroredSeq = new Map<string, number>();
  private readonly mirroredAt = new Map<string, number>();
  private readonly retry: TransientRetryPolicy;

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
    const previous = this.chains.get(sessionId) ?? Promise.resolve();
    const next = previous.then(async () => {
      await after?.catch(() => undefined);
      return this.persistAndPublish(sessionId, event);
    });
    const tail = next.catch(() => null);
    this.chains.set(sessionId, tail);
    void tail.then(() => {
      if (this.chains.get(sessionId) !== tail) return;
      this.chains.delete(sessionId);
      // Mirrored when the session's queue is idle, at most every MIRROR_EVERY_MS (and on drain).
      const last = this.mirroredAt.get(sessionId);
      if (last === undefined || this.now() - last >= MIRROR_EVERY_MS) this.mirror(sessionId);
    });
    return tail;
  }

  private async persistAndPublish(sessionId: string, event: ActorEvent): Promise<HubEvent | null> {
    for (let round = 0; round < MAX_RENUMBER; round += 1) {
      let seq: number;
      try {
        seq = (await this.retrying(sessionId, 'event seq read failed, retrying', () => this.currentSeq(sessionId))) + 1;
      } catch (err) {
        this.log.error({ err, sessionId, type: event.type }, 'event dropped: no sequence number');
        return null;
      }
      const hubEvent = { ...event, sessionId, seq, at: this.now() } as HubEvent;
      let outcome: 'stored' | 'taken';
      try {
        outcome = await this.store(hubEvent, event);
      } catch (err) {
        // Not published either: live clients and a replay must see the same events.
        this.log.error({ err, sessionId, seq, type: event.type }, 'event dropped: not persisted');
        return null;
      }
      if (outcome === 'taken') {
        // Another writer holds this seq (the counter is stale): count again from the database.
        this.log.warn({ sessionId, seq, type: event.type }, 'event seq taken, renumbering');
        this.lastSeq.delete(sessionId);
        continue;
      }
      this.lastSeq.set(sessionId, seq);
      this.publish(hubEvent);
      return hubEvent;
    }
    this.log.error({ sessionId, type: event.type }, 'event dropped: no free sequence number');
    return null;
  }

  /** Writes one event, retrying transient faults; 'taken' when its seq belongs to another event. */
  private store(hubEvent: HubEvent, event: ActorEvent): Promise<'stored' | 'taken'> {
    const { sessionId, seq, at } = hubEvent;
    let uncertain = false;
    return this.retrying(sessionId, 'event write failed, retrying', async () => {
      try {
        await SessionEvent.create({ sessionId, seq, type: event.type, payload: event, at: new Date(at) });
        return 'stored';
      } catch (err) {
        if ((err as { code?: unknown }).code !== DUPLICATE_KEY) {
          // A try that died with its connection may have been written all the same.
          if (isTransientDbError(err)) uncertain = true;
          throw err;
        }
        if (!uncertain) return 'taken';
        const stored = await SessionEvent.findOne({ sessionId, seq }, { type: 1, at: 1 }).lean();
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

  private async currentSeq(sessionId: string): Promise<number> {
    const known = this.lastSeq.get(sessionId);
    if (known !== undefined) return known;
    const [latest, session] = await Promise.all([
      SessionEvent.findOne({ sessionId }, { seq: 1 }).sort({ seq: -1 }).lean(),
      Session.findOne({ sessionId }, { eventSeq: 1 }).lean(),
    ]);
    if (!session) throw new Error(`Session ${sessionId} not found`);
    return Math.max(latest?.seq ?? 0, session.eventSeq ?? 0);
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
    while (this.chains.size) await Promise.all([...this.chains.values()]);
    for (const sessionId of this.lastSeq.keys()) this.mirror(sessionId);
  }
}
