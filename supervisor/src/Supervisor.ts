/**
 * The Supervisor engine: one forked actor per active Session (OTP simple_one_for_one),
 * restarted by the pure restart policy, watched through heartbeats, and reached by the
 * gateway only through the SessionHub interface. It never loads Baileys.
 *
 * Over 400 lines since cluster mode added its hooks (useFencing, evict, mayReport): issue 16's
 * split of supervision (spawn, restart, watchdog) from the SessionHub side (send, events,
 * routing) is where it shrinks; it is not done yet, and half a split would scatter the slot
 * state both halves read.
 */
import {
  hubError,
  HUB_ERROR_CODES,
  RPC_ERROR_CODES,
  RpcError,
  type AcceptedSend,
  type ActorEvent,
  type ActorSnapshot,
  type CommandName,
  type CommandReq,
  type CommandRes,
  type ExitInfo,
  type HeartbeatEnvelope,
  type HubEvent,
  type OutgoingMessageInput,
  type SessionHub,
  type SessionStatus,
} from '@switchboard/shared';
import { Session } from '@switchboard/shared/node';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { ActorHandle } from './ActorHandle.ts';
import type { SupervisorFencing } from './cluster/fencing.ts';
import { EventLog } from './events/eventLog.ts';
import { buildHealthReport, type HealthReport } from './health/healthReport.ts';
import { Watchdog } from './health/watchdog.ts';
import { acceptSend } from './outbox/acceptSend.ts';
import { OutboxDepth } from './outbox/outboxDepth.ts';
import { requeueFailed } from './outbox/retrySend.ts';
import { decide, recordDecision } from './restartPolicy.ts';
import { SessionRecords } from './sessionRecords.ts';
import { newSlot, snapshotOf, waitSettled, type SessionSlot } from './sessionSlot.ts';
import type { SupervisionLimits, SupervisorOptions } from './supervisorOptions.ts';

/** Statuses a node restart does not bring back on its own (an operator must act). */
/** How often touched sessions' outbox depth is recounted. */
const OUTBOX_DEPTH_REFRESH_MS = 30_000;

const NOT_RESTORED: SessionStatus[] = ['logged_out', 'replaced', 'problematic'];

/** Supervises every session actor of this node and implements SessionHub for the gateway. */
export class Supervisor implements SessionHub {
  private readonly slots = new Map<string, SessionSlot>();
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly events: EventLog;
  private readonly records: SessionRecords;
  private readonly watchdog: Watchdog;
  private readonly outbox: OutboxDepth;
  private readonly outboxTimer: NodeJS.Timeout;
  private globalRestarts: number[] = [];
  private closed = false;
  /** Cluster mode: leases and fencing tokens (null on a single node). */
  private fencing: SupervisorFencing | null = null;
  /** Slots whose actor is being stopped because the lease is gone or handed over (no status, no restart). */
  private readonly evicted = new WeakSet<SessionSlot>();

  constructor(private readonly opts: SupervisorOptions) {
    this.log = opts.logger.child({ module: 'supervisor' });
    this.now = opts.now ?? Date.now;
    this.records = new SessionRecords(this.log);
    this.events = new EventLog(this.log, this.now, this.records);
    this.watchdog = new Watchdog({
      limits: () => this.opts.limits,
      slots: () => this.slots.values(),
      now: this.now,
      log: this.log,
      recycle: (slot, reason) => this.recycle(slot, reason),
      kill: (slot, reason) => this.killHung(slot, reason),
    });
    this.outbox = new OutboxDepth(this.log);
    this.outboxTimer = setInterval(() => void this.outbox.refresh(), opts.outboxDepthRefreshMs ?? OUTBOX_DEPTH_REFRESH_MS).unref();
  }

  /** Starts every active session that is not waiting for an operator, a few at a time. */
  async restoreAll(): Promise<number> {
    const docs = await Session.find({ active: true, status: { $nin: NOT_RESTORED } }, { sessionId: 1 }).lean();
    const limit = pLimit(Math.max(1, this.opts.startConcurrency));
    this.log.info({ count: docs.length, concurrency: this.opts.startConcurrency }, 'restoring sessions');
    await Promise.all(
      docs.map((d) =>
        limit(async () => {
          if (this.closed) return;
          await delay(Math.floor(this.opts.restart.random() * this.opts.startJitterMs));
          await this.start(d.sessionId).catch((err: unknown) => this.log.error({ err, sessionId: d.sessionId }, 'restore failed'));
          const slot = this.slots.get(d.sessionId);
          if (slot) await waitSettled(slot, this.opts.startSettleMs);
        }),
      ),
    );
    return docs.length;
  }

  async start(sessionId: string): Promise<void> {
    if (this.closed) throw hubError(HUB_ERROR_CODES.HUB_CLOSED, 'The supervisor is shutting down');
    const doc = await Session.findOne({ sessionId }, { status: 1 }).lean();
    if (!doc) throw hubError(HUB_ERROR_CODES.SESSION_NOT_FOUND, `Session ${sessionId} does not exist`);
    if (this.fencing && this.fencing.fenceOf(sessionId) === undefined && !(await this.fencing.acquire(sessionId))) {
      throw hubError(HUB_ERROR_CODES.SESSION_MOVING, `Session ${sessionId} is held by another node`);
    }
    const slot = this.slotOf(sessionId, doc.status);
    if (slot.handle) return;
    this.clearRestartTimer(slot);
    await this.records.setStatus(sessionId, 'starting', { active: true });
    this.spawn(slot);
  }

  async stop(sessionId: string, opts: { logout?: boolean } = {}): Promise<void> {
    const doc = await Session.findOne({ sessionId }, { status: 1 }).lean();
    if (!doc) throw hubError(HUB_ERROR_CODES.SESSION_NOT_FOUND, `Session ${sessionId} does not exist`);
    const slot = this.slotOf(sessionId, doc.status);
    slot.stopRequested = true;
    this.clearRestartTimer(slot);
    const handle = slot.handle;
    const grace = this.opts.limits.stopGraceMs;
    if (handle && opts.logout && handle.isReady) {
      await handle.call('logout', {}, { timeoutMs: grace }).catch((err: unknown) => this.log.warn({ err, sessionId }, 'logout call failed'));
      await Promise.race([handle.exited, delay(grace)]);
    }
    if (handle) await handle.stop(grace);
    if (opts.logout) await this.records.clearCredentials(sessionId, this.opts.dataDir);
    const status: SessionStatus = opts.logout ? 'logged_out' : 'stopped';
    await this.changeStatus(slot, status, { active: false });
  }

  async call<C extends CommandName>(
    sessionId: string,
    command: C,
    req: CommandReq<C>,
    opts?: { timeoutMs?: number },
  ): Promise<CommandRes<C>> {
    const handle = this.slots.get(sessionId)?.handle;
    if (!handle?.isReady || !handle.alive) {
      throw new RpcError(RPC_ERROR_CODES.NOT_RUNNING, `Session ${sessionId} has no running actor`);
    }
    return handle.call(command, req, opts);
  }

  async send(sessionId: string, input: OutgoingMessageInput): Promise<AcceptedSend> {
    if (this.closed) throw hubError(HUB_ERROR_CODES.HUB_CLOSED, 'The supervisor is shutting down');
    // A session with a running actor exists (deleting one stops its actor first): no read.
    const running = !!this.slots.get(sessionId)?.handle;
    if (!running && !(await Session.exists({ sessionId }))) throw hubError(HUB_ERROR_CODES.SESSION_NOT_FOUND, `Session ${sessionId} does not exist`);
    const accepted = await acceptSend(sessionId, input, new Date(this.now()));
    this.outbox.touch(sessionId);
    if (!accepted.duplicate) this.kickOutbox(sessionId, accepted.messageId);
    return accepted;
  }

  async retry(sessionId: string, messageId: string): Promise<AcceptedSend> {
    if (this.closed) throw hubError(HUB_ERROR_CODES.HUB_CLOSED, 'The supervisor is shutting down');
    const accepted = await requeueFailed(sessionId, messageId);
    this.outbox.touch(sessionId);
    this.kickOutbox(sessionId, messageId);
    return accepted;
  }

  /**
   * Asks a running actor to deliver its pending messages now, naming the one just stored (the
   * actor claims it by key instead of scanning: issue 13); a stopped one does it on start.
   */
  private kickOutbox(sessionId: string, messageId: string): void {
    const handle = this.slots.get(sessionId)?.handle;
    if (!handle?.isReady) return;
    handle.call('flushOutbox', { messageIds: [messageId] }).catch((err: unknown) => this.log.debug({ err, sessionId }, 'flushOutbox not delivered'));
  }

  async resetAttempts(sessionId: string): Promise<void> {
    const doc = await Session.findOne({ sessionId }, { status: 1 }).lean();
    if (!doc) throw hubError(HUB_ERROR_CODES.SESSION_NOT_FOUND, `Session ${sessionId} does not exist`);
    const slot = this.slotOf(sessionId, doc.status);
    slot.history = { restarts: [], attempt: 0 };
    slot.lastError = null;
    await this.records.setStatus(sessionId, slot.status, { problematicSince: null, lastError: null });
    this.log.info({ sessionId }, 'restart attempts reset');
    await this.start(sessionId);
  }

  subscribe(listener: (event: HubEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  snapshot(sessionId: string): ActorSnapshot | undefined {
    const slot = this.slots.get(sessionId);
    return slot ? snapshotOf(slot, this.outbox.get(sessionId)) : undefined;
  }

  snapshots(): ActorSnapshot[] {
    return [...this.slots.values()].map((slot) => snapshotOf(slot, this.outbox.get(slot.sessionId)));
  }

  /** Health of every known session (also logged by the scheduler's health check). */
  healthReport(): HealthReport {
    return buildHealthReport(this.snapshots(), this.now());
  }

  /** Stores a health report on the Session documents (health.lastCheckAt, healthy, issues). */
  async recordHealth(report: HealthReport): Promise<void> {
    const at = new Date(report.at);
    await Promise.all(report.sessions.map((s) => this.records.health(s.sessionId, { at, healthy: s.healthy, issues: s.issues })));
  }

  /**
   * Cluster mode: from now on actors get their lease's fencing token, a session is started only
   * under a lease, and event writes are fenced (LeaseKeeper calls this).
   */
  useFencing(fencing: SupervisorFencing): void {
    this.fencing = fencing;
    this.events.setGuard((sessionId) => fencing.verify(sessionId));
  }

  /**
   * Cluster mode: stops a session's actor because this node no longer runs it: at once (SIGKILL)
   * when the lease is lost, gracefully when handing it over (drain). Neither restarts it nor
   * writes its status: the session stays active for the node that takes it.
   */
  async evict(sessionId: string, opts: { graceful: boolean; reason: string }): Promise<void> {
    const slot = this.slots.get(sessionId);
    if (!slot) return;
    this.slots.delete(sessionId);
    this.evicted.add(slot);
    slot.stopRequested = true;
    this.clearRestartTimer(slot);
    const handle = slot.handle;
    this.log.warn({ sessionId, reason: opts.reason, graceful: opts.graceful }, 'session evicted from this node');
    if (!handle) return;
    if (opts.graceful) await handle.stop(this.opts.limits.stopGraceMs);
    else {
      handle.kill('fenced');
      await handle.exited;
    }
  }

  /** Changes supervision limits at run time (e.g. the RSS budget); applies from the next check. */
  updateLimits(patch: Partial<SupervisionLimits>): void {
    this.opts.limits = { ...this.opts.limits, ...patch };
    this.watchdog.reschedule();
  }

  /** Stops taking work, asks every actor to flush and close, SIGKILLs stragglers. Sessions stay active. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.watchdog.stop();
    clearInterval(this.outboxTimer);
    const running = [...this.slots.values()];
    for (const slot of running) this.clearRestartTimer(slot);
    await Promise.all(
      running.map(async (slot) => {
        slot.stopRequested = true;
        if (slot.handle) await slot.handle.stop(this.opts.limits.stopGraceMs);
      }),
    );
    await this.events.drain();
    await this.records.drain();
    this.log.info({ sessions: running.length }, 'supervisor stopped');
  }

  private slotOf(sessionId: string, status: SessionStatus): SessionSlot {
    let slot = this.slots.get(sessionId);
    if (!slot) {
      slot = newSlot(sessionId, status);
      this.slots.set(sessionId, slot);
      // Messages may wait from before this node started.
      this.outbox.touch(sessionId);
    }
    return slot;
  }

  private spawn(slot: SessionSlot): void {
    slot.stopRequested = false;
    slot.killReason = null;
    const { limits } = this.opts;
    const fence = this.fencing?.fenceOf(slot.sessionId);
    if (this.fencing && fence === undefined) {
      // Cluster mode: never an actor without a live lease (a restart after the lease was lost).
      this.log.warn({ sessionId: slot.sessionId }, 'actor not forked: this node holds no lease on the session');
      return;
    }
    const handle: ActorHandle = ActorHandle.spawn({
      config: {
        ...this.opts.actor,
        sessionId: slot.sessionId,
        dataDir: this.opts.dataDir,
        heartbeatMs: limits.heartbeatMs,
        ...(fence !== undefined ? { fence } : {}),
      },
      logger: this.log,
      readyTimeoutMs: limits.readyTimeoutMs,
      callTimeoutMs: limits.callTimeoutMs,
      now: this.now,
      ...(this.opts.actorEntry ? { entry: this.opts.actorEntry } : {}),
      onEvent: (event) => this.onActorEvent(slot, event),
      onHeartbeat: (beat) => this.onHeartbeat(slot, beat),
      onExit: (info) => this.onExit(slot, handle, info),
    });
    slot.handle = handle;
    slot.connectedSince = null;
    this.watchdog.ensureRunning();
    void this.records.actorStarted(slot.sessionId, handle.pid, new Date(handle.startedAt));
    void this.changeStatus(slot, 'starting');
    this.log.info({ sessionId: slot.sessionId, pid: handle.pid }, 'actor forked');
  }

  /** Counts the outbox of every session whose outbox may have changed (the timer does it every 30 s). */
  refreshOutboxDepth(): Promise<void> {
    return this.outbox.refresh();
  }

  private onActorEvent(slot: SessionSlot, event: ActorEvent): void {
    // Cluster mode: a session whose lease this node lost is its new owner's to report (no status write).
    if (!this.mayReport(slot)) return;
    if (event.type === 'message-sent' || event.type === 'message-status') this.outbox.touch(slot.sessionId);
    let persisted: Promise<void> | undefined;
    if (event.type === 'connection-state') {
      const now = this.now();
      if (event.status === 'connected') {
        slot.connectedSince = now;
        slot.lastTrafficAt = now;
      } else slot.connectedSince = null;
      if (event.cause) slot.lastDisconnectCause = event.cause;
      this.setSlotStatus(slot, event.status);
      persisted = this.records.setStatus(slot.sessionId, event.status, {
        ...(event.cause ? { lastDisconnectCause: event.cause } : {}),
        ...(event.status === 'connected' ? { lastConnectedAt: new Date(now) } : {}),
        ...(event.me ? { me: event.me } : {}),
      });
    } else if ((event.type === 'qr' || event.type === 'pairing-code') && slot.status !== 'qr') {
      // A QR means the session waits for a scan, whether or not a connection-state said so.
      this.setSlotStatus(slot, 'qr');
      persisted = this.records.setStatus(slot.sessionId, 'qr');
    }
    void this.events.append(slot.sessionId, event, persisted);
  }

  private onHeartbeat(slot: SessionSlot, beat: HeartbeatEnvelope): void {
    if (!this.mayReport(slot)) return;
    const traffic = beat.counters.lastTrafficAt;
    if (traffic !== null && traffic > (slot.lastTrafficAt ?? 0)) slot.lastTrafficAt = traffic;
    const now = this.now();
    if (now - slot.metricsSavedAt >= 30_000) {
      slot.metricsSavedAt = now;
      void this.records.metrics(slot.sessionId, beat);
    }
  }

  private onExit(slot: SessionSlot, handle: ActorHandle, info: ExitInfo): void {
    if (slot.handle !== handle) return;
    slot.handle = null;
    slot.connectedSince = null;
    slot.probing = false;
    if (this.evicted.has(slot) || info.kind === 'fenced') {
      // Cluster mode: another node owns the session now; its status and events are that node's.
      if (this.slots.get(slot.sessionId) === slot) this.slots.delete(slot.sessionId);
      this.log.warn({ sessionId: slot.sessionId, exit: info.kind, code: info.code }, 'actor of a session this node lost ended');
      return;
    }
    const reason = slot.killReason ?? describeExit(info);
    slot.killReason = null;
    const exitEvent = { type: 'actor-exit' as const, exit: info.kind, code: info.code, signal: info.signal };
    if (slot.stopRequested || this.closed) {
      const status: SessionStatus = info.kind === 'logged_out' ? 'logged_out' : 'stopped';
      const settled = this.changeStatus(slot, status);
      void this.events.append(slot.sessionId, { ...exitEvent, action: 'none', reason }, settled);
      return;
    }
    const now = this.now();
    const history = { ...slot.history, globalRestarts: this.globalRestarts };
    const decision = decide({ kind: info.kind, startedAt: handle.startedAt, exitedAt: now }, history, now, this.opts.restart);
    const next = recordDecision(history, decision, now, this.opts.restart);
    slot.history = { restarts: [...next.restarts], attempt: next.attempt };
    this.globalRestarts = [...next.globalRestarts];
    slot.lastError = decision.action === 'stop' ? `${reason}: ${decision.reason}` : reason;
    if (decision.action === 'stop') {
      this.log.warn({ sessionId: slot.sessionId, status: decision.status, reason: slot.lastError }, 'actor not restarted');
      const problematic = decision.status === 'problematic';
      const settled = this.changeStatus(slot, decision.status, {
        lastError: slot.lastError,
        ...(problematic ? { problematicSince: new Date(now) } : {}),
      });
      void this.events.append(slot.sessionId, { ...exitEvent, action: 'stop', reason: slot.lastError }, settled);
      return;
    }
    slot.restarts += 1;
    this.log.warn({ sessionId: slot.sessionId, reason, delayMs: decision.delayMs, attempt: decision.attempt }, 'restart scheduled');
    const restarted = this.records.restarted(slot.sessionId, reason, info.code, new Date(now));
    void this.events.append(slot.sessionId, { ...exitEvent, action: 'restart', delayMs: decision.delayMs, reason }, restarted);
    void this.changeStatus(slot, 'reconnecting');
    slot.restartTimer = setTimeout(() => {
      slot.restartTimer = null;
      if (!this.closed && !slot.handle && !slot.stopRequested) this.spawn(slot);
    }, decision.delayMs);
  }

  /** False in cluster mode once this node no longer holds the session's lease (checked locally, no request). */
  private mayReport(slot: SessionSlot): boolean {
    return !this.fencing || this.fencing.fenceOf(slot.sessionId) !== undefined;
  }

  /** Sets the status, persists it, then publishes a connection-state event when it changed. */
  private async changeStatus(slot: SessionSlot, status: SessionStatus, patch: Parameters<SessionRecords['setStatus']>[2] = {}): Promise<void> {
    const changed = slot.status !== status;
    this.setSlotStatus(slot, status);
    const persisted = this.records.setStatus(slot.sessionId, status, patch);
    if (changed) {
      const message = patch.lastError ?? undefined;
      const cause = slot.lastDisconnectCause && (status === 'logged_out' || status === 'replaced') ? slot.lastDisconnectCause : undefined;
      await this.events.append(slot.sessionId, { type: 'connection-state', status, ...(cause ? { cause } : {}), ...(message ? { message } : {}) }, persisted);
    }
    await persisted;
  }

  private setSlotStatus(slot: SessionSlot, status: SessionStatus): void {
    slot.status = status;
    for (const waiter of [...slot.waiters]) waiter();
  }

  private recycle(slot: SessionSlot, reason: string): void {
    const handle = slot.handle;
    if (!handle || slot.killReason) return;
    slot.killReason = `recycled: ${reason}`;
    this.log.warn({ sessionId: slot.sessionId, pid: handle.pid, reason }, 'recycling actor');
    void handle.stop(this.opts.limits.stopGraceMs, 'recycled');
  }

  private killHung(slot: SessionSlot, reason: string): void {
    const handle = slot.handle;
    if (!handle || slot.killReason?.startsWith('hung')) return;
    slot.killReason = `hung: ${reason}`;
    this.log.warn({ sessionId: slot.sessionId, pid: handle.pid, reason }, 'killing hung actor');
    handle.kill('hung');
  }

  private clearRestartTimer(slot: SessionSlot): void {
    if (slot.restartTimer) clearTimeout(slot.restartTimer);
    slot.restartTimer = null;
  }
}

function describeExit(info: ExitInfo): string {
  return info.signal ? `${info.kind} (signal ${info.signal})` : `${info.kind} (code ${info.code})`;
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
