/**
 * The Supervisor's writes to Session documents, serialized per session so they never
 * overtake each other. Updates that queue behind a session's write in flight are merged into
 * one request when that has the same effect (mergeUpdates.ts): a start's status changes, pid,
 * metrics and event seq, which pile up while the database is busy (a restore of every session).
 * Failures are logged, never thrown into the supervision loop.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DisconnectCause, SessionStatus } from '@switchboard/shared';
import { AuthKey, AuthState, createSessionUpdater, recordRestart } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { KeyedQueue, type SessionUpdater } from '@switchboard/shared/node';
import { copyUpdate, mergeUpdates } from './mergeUpdates.ts';

/** Fields the supervisor may set along with a status. */
export interface StatusPatch {
  lastError?: string | null;
  lastDisconnectCause?: DisconnectCause | null;
  problematicSince?: Date | null;
  lastConnectedAt?: Date;
  me?: { id: string; lid?: string; name?: string };
  active?: boolean;
}

/** An update queued but not started yet, which later updates of its session may join. */
interface QueuedUpdate {
  update: Record<string, unknown>;
  what: string[];
  done: Promise<void>;
}

/** Serialized, failure-tolerant writes to the sessions collection. */
export class SessionRecords {
  private readonly queue = new KeyedQueue();
  /** Per session, the last queued update while it has not started (none once anything else is queued behind it). */
  private readonly joinable = new Map<string, QueuedUpdate>();

  /** `update`: session writes by `_id` (see createSessionUpdater); tests pass their own. */
  constructor(
    private readonly log: Logger,
    private readonly update: SessionUpdater = createSessionUpdater(),
  ) {}

  /** Runs `task` in the session's queue; a failure is logged as `what()` (read when it fails). */
  private run(sessionId: string, what: () => string, task: () => Promise<unknown>): Promise<void> {
    return this.queue
      .run(sessionId, task)
      .then(() => undefined)
      .catch((err: unknown) => this.log.error({ err, sessionId }, `session write failed: ${what()}`));
  }

  /** Queues a task that is not a mergeable update: later updates must not join one queued before it. */
  private write(sessionId: string, what: string, task: () => Promise<unknown>): Promise<void> {
    this.joinable.delete(sessionId);
    return this.run(sessionId, () => what, task);
  }

  /** Queues an update, or merges it into the session's update that is queued and not started yet. */
  private patch(sessionId: string, what: string, update: Record<string, unknown>): Promise<void> {
    const waiting = this.joinable.get(sessionId);
    if (waiting && mergeUpdates(waiting.update, update)) {
      if (!waiting.what.includes(what)) waiting.what.push(what);
      return waiting.done;
    }
    const entry: QueuedUpdate = { update: copyUpdate(update), what: [what], done: Promise.resolve() };
    entry.done = this.run(sessionId, () => entry.what.join(', '), () => {
      if (this.joinable.get(sessionId) === entry) this.joinable.delete(sessionId);
      return this.update(sessionId, entry.update);
    });
    this.joinable.set(sessionId, entry);
    return entry.done;
  }

  /** Sets the status (and related fields) of a session. */
  setStatus(sessionId: string, status: SessionStatus, patch: StatusPatch = {}): Promise<void> {
    const $set: Record<string, unknown> = { status };
    if (patch.lastError !== undefined) $set['metrics.lastError'] = patch.lastError;
    if (patch.lastDisconnectCause !== undefined) $set['metrics.lastDisconnectCause'] = patch.lastDisconnectCause;
    if (patch.problematicSince !== undefined) $set.problematicSince = patch.problematicSince;
    if (patch.lastConnectedAt) $set['metrics.lastConnectedAt'] = patch.lastConnectedAt;
    if (patch.me) $set.me = patch.me;
    if (patch.active !== undefined) $set.active = patch.active;
    return this.patch(sessionId, 'status', { $set });
  }

  /** Marks a new actor run: pid, start time, one more connection attempt. */
  actorStarted(sessionId: string, pid: number, at: Date): Promise<void> {
    return this.patch(sessionId, 'actor started', {
      $set: { status: 'starting', 'metrics.pid': pid, 'metrics.actorStartedAt': at },
      $inc: { 'metrics.connectionAttempts': 1 },
    });
  }

  /** Appends a restart record (reason and exit code) and counts the error. */
  restarted(sessionId: string, reason: string, exitCode: number | null, at: Date): Promise<void> {
    return this.write(sessionId, 'restart', async () => {
      await recordRestart(sessionId, { at, reason, exitCode });
      await this.update(
        sessionId,
        { $set: { 'metrics.lastError': reason, 'metrics.pid': null }, $inc: { 'metrics.errorCount': 1 } },
      );
    });
  }

  /** Stores the latest resource figures reported by the actor's heartbeat. */
  metrics(sessionId: string, m: { rssBytes: number; heapUsedBytes: number; eventLoopLagMs: number }): Promise<void> {
    return this.patch(sessionId, 'metrics', {
      $set: { 'metrics.rssBytes': m.rssBytes, 'metrics.heapUsedBytes': m.heapUsedBytes, 'metrics.eventLoopLagMs': m.eventLoopLagMs },
    });
  }

  /** Stores the result of a health check on the session. */
  health(sessionId: string, h: { at: Date; healthy: boolean; issues: string[] }): Promise<void> {
    return this.patch(sessionId, 'health', { $set: { 'health.lastCheckAt': h.at, 'health.healthy': h.healthy, 'health.issues': h.issues } });
  }

  /**
   * Mirrors the highest event seq handed out, so it survives clean-up of old events. While a
   * write of the session is queued, later calls only raise the value it will write.
   */
  eventSeq(sessionId: string, seq: number): Promise<void> {
    return this.patch(sessionId, 'event seq', { $max: { eventSeq: seq } });
  }

  /** Wipes the credentials of a session (logout while no actor runs). */
  clearCredentials(sessionId: string, dataDir: string): Promise<void> {
    return this.write(sessionId, 'clear credentials', async () => {
      await AuthState.deleteMany({ sessionId });
      await AuthKey.deleteMany({ sessionId });
      if (/^[A-Za-z0-9._-]+$/.test(sessionId) && !sessionId.startsWith('.')) {
        await rm(join(dataDir, 'auth', sessionId), { recursive: true, force: true });
      }
    });
  }

  /** Resolves once every queued write has settled. */
  drain(): Promise<void> {
    return this.queue.drain();
  }
}
