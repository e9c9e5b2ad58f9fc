/**
 * The Supervisor: one forked actor per active Session (OTP simple_one_for_one), restarted by
 * the pure restart policy, watched through heartbeats (Watchdog), stopped in order on shutdown,
 * and restored on start. It never loads Baileys. Sends, commands, events and snapshots are the
 * SessionHub side (LocalHub.ts), which reads this supervision through `SupervisedSessions`.
 */
import { hubError, HUB_ERROR_CODES, NODE_STOPPED_REASON, type ActorEvent, type ExitInfo, type HeartbeatEnvelope, type SessionStatus } from '@switchboard/shared';
import { Session } from '@switchboard/shared/node';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { ActorHandle } from './ActorHandle.ts';
import { handleExit, type ExitContext } from './actorExit.ts';
import type { SupervisorFencing } from './cluster/fencing.ts';
import { EventLog } from './events/eventLog.ts';
import { Watchdog } from './health/watchdog.ts';
import { LocalHub, type SupervisedSessions } from './LocalHub.ts';
import { SessionRecords } from './sessionRecords.ts';
import { newSlot, waitSettled, type SessionSlot } from './sessionSlot.ts';
import { launchOf } from './childSpec.ts';
import { changeStatus, recordActorEvent, recordHeartbeat, type SlotSinks } from './slotReports.ts';
import type { SupervisionLimits, SupervisorOptions } from './supervisorOptions.ts';
import { WarmPool } from './warmPool.ts';

/** Statuses a node restart does not bring back on its own (an operator must act). */
const NOT_RESTORED: SessionStatus[] = ['logged_out', 'replaced', 'problematic'];

/**
 * Supervises every session actor of this node. It is not a SessionHub: pass its `hub` where
 * one is wanted.
 */
export class Supervisor implements SupervisedSessions {
  readonly hub: LocalHub;
  readonly events: EventLog;
  readonly records: SessionRecords;
  private readonly slots = new Map<string, SessionSlot>();
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly sinks: SlotSinks;
  private readonly watchdog: Watchdog;
  private readonly exits: ExitContext;
  private stopping = false;
  /** Spare actor processes (warmPool.ts), refilled once no actor is starting. */
  readonly pool: WarmPool;
  /** Actors forked and not yet ready (or failed). */
  private starting = 0;
  /** Cluster mode: leases and fencing tokens (null on a single node). */
  private fencing: SupervisorFencing | null = null;
  /** Slots whose actor is being stopped because the lease is gone or handed over (no status, no restart). */
  private readonly evicted = new WeakSet<SessionSlot>();

  constructor(private readonly opts: SupervisorOptions) {
    this.log = opts.logger.child({ module: 'supervisor' });
    this.now = opts.now ?? Date.now;
    this.records = new SessionRecords(this.log);
    this.events = new EventLog(this.log, this.now, this.records);
    this.sinks = { records: this.records, events: this.events, now: this.now };
    this.exits = {
      sinks: this.sinks,
      log: this.log,
      restart: opts.restart,
      stopping: () => this.stopping,
      globalRestarts: [],
      respawn: (slot) => this.spawn(slot),
    };
    this.watchdog = new Watchdog({
      limits: () => this.opts.limits,
      slots: () => this.slots.values(),
      now: this.now,
      log: this.log,
      recycle: (slot, reason) => this.recycle(slot, reason),
      kill: (slot, reason) => this.killHung(slot, reason),
      stopUnlinked: (slot, reason) => this.stopUnlinked(slot, reason),
    });
    this.pool = new WarmPool({ size: opts.warmActors ?? 0, launch: () => launchOf(opts.actorEntry, this.log), logger: this.log });
    this.hub = new LocalHub(this, {
      logger: this.log,
      now: this.now,
      ...(opts.outboxDepthRefreshMs !== undefined ? { outboxDepthRefreshMs: opts.outboxDepthRefreshMs } : {}),
    });
  }

  /** True once shutdown began: no new work is taken. */
  get closed(): boolean {
    return this.stopping;
  }

  slot(sessionId: string): Readonly<SessionSlot> | undefined {
    return this.slots.get(sessionId);
  }

  knownSlots(): Iterable<Readonly<SessionSlot>> {
    return this.slots.values();
  }

  /** Starts every active session that is not waiting for an operator, a few at a time. */
  async restoreAll(): Promise<number> {
    const docs = await Session.find({ active: true, status: { $nin: NOT_RESTORED } }, { sessionId: 1 }).lean();
    const limit = pLimit(Math.max(1, this.opts.startConcurrency));
    this.log.info({ count: docs.length, concurrency: this.opts.startConcurrency }, 'restoring sessions');
    await Promise.all(
      docs.map((d) =>
        limit(async () => {
          if (this.stopping) return;
          await delay(Math.floor(this.opts.restart.random() * this.opts.startJitterMs));
          await this.start(d.sessionId).catch((err: unknown) => this.log.error({ err, sessionId: d.sessionId }, 'restore failed'));
          const slot = this.slots.get(d.sessionId);
          if (slot) await waitSettled(slot, this.opts.startSettleMs);
        }),
      ),
    );
    this.warm();
    return docs.length;
  }

  /**
   * Forks spare actors (warmPool.ts) up to the configured count, or `expected` if more (a node
   * about to adopt a dead node's sessions), unless actors are starting: then once they settle.
   */
  warm(expected?: number): void {
    if (expected !== undefined) this.pool.expect(expected);
    if (this.starting === 0 && !this.stopping) this.pool.fill();
  }

  async start(sessionId: string): Promise<void> {
    if (this.stopping) throw hubError(HUB_ERROR_CODES.HUB_CLOSED, 'The supervisor is shutting down');
    const doc = await Session.findOne({ sessionId }, { status: 1 }).lean();
    if (!doc) throw hubError(HUB_ERROR_CODES.SESSION_NOT_FOUND, `Session ${sessionId} does not exist`);
    if (this.fencing && this.fencing.fenceOf(sessionId) === undefined && !(await this.fencing.acquire(sessionId))) {
      throw hubError(HUB_ERROR_CODES.SESSION_MOVING, `Session ${sessionId} is held by another node`);
    }
    const slot = this.slotOf(sessionId, doc.status);
    if (slot.handle) return;
    this.clearRestartTimer(slot);
    await this.records.setStatus(sessionId, 'starting', { active: true });
    // Two starts of one session can overlap (cluster mode: a placement forwarded here while the
    // lease keeper adopts the same new session): the one that resumes second finds the actor the
    // first forked. Without this check both forked one, and the orphan kept the WhatsApp
    // connection while commands (sends) went to the other.
    if (slot.handle || this.slots.get(sessionId) !== slot) return;
    this.spawn(slot);
  }

  async stop(sessionId: string, opts: { logout?: boolean; reason?: string } = {}): Promise<void> {
    const doc = await Session.findOne({ sessionId }, { status: 1 }).lean();
    if (!doc) throw hubError(HUB_ERROR_CODES.SESSION_NOT_FOUND, `Session ${sessionId} does not exist`);
    const slot = this.slotOf(sessionId, doc.status);
    slot.stopRequested = true;
    slot.stopReason = opts.reason ?? null;
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
    await changeStatus(this.sinks, slot, status, { active: false, ...(opts.reason ? { lastError: opts.reason } : {}) });
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

  /** Cluster mode: this node's fencing token for the session (undefined when not held, or on a single node). */
  fenceOf(sessionId: string): number | undefined {
    return this.fencing?.fenceOf(sessionId);
  }

  /**
   * Cluster mode: from now on actors get their lease's fencing token, a session is started only
   * under a lease, and event writes are fenced (LeaseKeeper calls this).
   */
  useFencing(fencing: SupervisorFencing): void {
    this.fencing = fencing;
    this.events.setFence((sessionId) => fencing.fenceOf(sessionId));
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
    if (this.stopping) return;
    this.stopping = true;
    const spares = this.pool.close();
    this.watchdog.stop();
    this.hub.close();
    const running = [...this.slots.values()];
    for (const slot of running) this.clearRestartTimer(slot);
    await Promise.all(
      running.map(async (slot) => {
        slot.stopRequested = true;
        slot.stopReason = NODE_STOPPED_REASON;
        if (slot.handle) await slot.handle.stop(this.opts.limits.stopGraceMs);
      }),
    );
    await spares;
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
      this.hub.outboxChanged(sessionId);
    }
    return slot;
  }

  private spawn(slot: SessionSlot): void {
    slot.stopRequested = false;
    slot.stopReason = null;
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
      onBarrier: (id) => this.onBarrier(slot, handle, id),
      onHeartbeat: (beat) => this.onHeartbeat(slot, beat),
      onExit: (info) => this.onExit(slot, handle, info),
    }, this.pool);
    this.starting += 1;
    void handle.ready
      .catch(() => undefined)
      .finally(() => {
        this.starting -= 1;
        this.warm();
      });
    slot.handle = handle;
    slot.connectedSince = null;
    this.watchdog.ensureRunning();
    void this.records.actorStarted(slot.sessionId, handle.pid, new Date(handle.startedAt));
    void changeStatus(this.sinks, slot, 'starting');
    this.log.info({ sessionId: slot.sessionId, pid: handle.pid }, 'actor forked');
  }

  private onActorEvent(slot: SessionSlot, event: ActorEvent): void {
    // Cluster mode: a session whose lease this node lost is its new owner's to report (no status write).
    if (!this.mayReport(slot)) return;
    if (event.type === 'message-sent' || event.type === 'message-status') this.hub.outboxChanged(slot.sessionId);
    recordActorEvent(this.sinks, slot, event);
  }

  /** The actor asks whether its events so far are stored (it keeps inbox entries until they are). */
  private onBarrier(slot: SessionSlot, handle: ActorHandle, id: number): void {
    // Events of a session this node no longer reports were dropped (onActorEvent).
    if (!this.mayReport(slot)) return handle.barrierDone(id, false);
    void this.events.settled(slot.sessionId).then((stored) => handle.barrierDone(id, stored));
  }

  private onHeartbeat(slot: SessionSlot, beat: HeartbeatEnvelope): void {
    if (this.mayReport(slot)) recordHeartbeat(this.sinks, slot, beat);
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
    handleExit(this.exits, slot, handle, info);
  }

  /** False in cluster mode once this node no longer holds the session's lease (checked locally, no request). */
  private mayReport(slot: SessionSlot): boolean {
    return !this.fencing || this.fencing.fenceOf(slot.sessionId) !== undefined;
  }

  private recycle(slot: SessionSlot, reason: string): void {
    const handle = slot.handle;
    if (!handle || slot.killReason) return;
    slot.killReason = `recycled: ${reason}`;
    this.log.warn({ sessionId: slot.sessionId, pid: handle.pid, reason }, 'recycling actor');
    void handle.stop(this.opts.limits.stopGraceMs, 'recycled');
  }

  linkActivity(sessionId: string): void {
    const slot = this.slots.get(sessionId);
    if (slot?.waitingLinkSince != null) slot.waitingLinkSince = this.now();
  }

  /** The link timeout: stopped like an operator stop (not restored at start-up), with the reason. */
  private stopUnlinked(slot: SessionSlot, reason: string): void {
    if (slot.stopRequested) return;
    this.log.warn({ sessionId: slot.sessionId, reason }, 'stopping a session nobody linked');
    void this.stop(slot.sessionId, { reason }).catch((err: unknown) => this.log.warn({ err, sessionId: slot.sessionId }, 'stopping an unlinked session failed'));
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

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
