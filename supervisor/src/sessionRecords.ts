/**
 * The Supervisor's writes to Session documents, serialized per session so they never
 * overtake each other. Failures are logged, never thrown into the supervision loop.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DisconnectCause, SessionStatus } from '@switchboard/shared';
import { AuthKey, AuthState, createSessionUpdater, recordRestart } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { KeyedQueue } from '@switchboard/shared/node';

/** Fields the supervisor may set along with a status. */
export interface StatusPatch {
  lastError?: string | null;
  lastDisconnectCause?: DisconnectCause | null;
  problematicSince?: Date | null;
  lastConnectedAt?: Date;
  me?: { id: string; lid?: string; name?: string };
  active?: boolean;
}

/** Serialized, failure-tolerant writes to the sessions collection. */
export class SessionRecords {
  private readonly queue = new KeyedQueue();
  private readonly seqPending = new Map<string, number>();

  /** Session writes by `_id` (see createSessionUpdater). */
  private readonly update = createSessionUpdater();

  constructor(private readonly log: Logger) {}

  private write(sessionId: string, what: string, task: () => Promise<unknown>): Promise<void> {
    return this.queue
      .run(sessionId, task)
      .then(() => undefined)
      .catch((err: unknown) => this.log.error({ err, sessionId }, `session write failed: ${what}`));
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
    return this.write(sessionId, 'status', () => this.update(sessionId, { $set }));
  }

  /** Marks a new actor run: pid, start time, one more connection attempt. */
  actorStarted(sessionId: string, pid: number, at: Date): Promise<void> {
    return this.write(sessionId, 'actor started', () =>
      this.update(
        sessionId,
        { $set: { status: 'starting', 'metrics.pid': pid, 'metrics.actorStartedAt': at }, $inc: { 'metrics.connectionAttempts': 1 } },
      ),
    );
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
    return this.write(sessionId, 'metrics', () =>
      this.update(
        sessionId,
        { $set: { 'metrics.rssBytes': m.rssBytes, 'metrics.heapUsedBytes': m.heapUsedBytes, 'metrics.eventLoopLagMs': m.eventLoopLagMs } },
      ),
    );
  }

  /** Stores the result of a health check on the session. */
  health(sessionId: string, h: { at: Date; healthy: boolean; issues: string[] }): Promise<void> {
    return this.write(sessionId, 'health', () =>
      this.update(sessionId, { $set: { 'health.lastCheckAt': h.at, 'health.healthy': h.healthy, 'health.issues': h.issues } }),
    );
  }

  /**
   * Mirrors the highest event seq handed out, so it survives clean-up of old events. Writes
   * coalesce: while one is queued, later calls only raise the value it will write.
   */
  eventSeq(sessionId: string, seq: number): Promise<void> {
    const queued = this.seqPending.has(sessionId);
    this.seqPending.set(sessionId, Math.max(seq, this.seqPending.get(sessionId) ?? 0));
    if (queued) return Promise.resolve();
    return this.write(sessionId, 'event seq', () => {
      const value = this.seqPending.get(sessionId) ?? seq;
      this.seqPending.delete(sessionId);
      return this.update(sessionId, { $max: { eventSeq: value } });
    });
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
