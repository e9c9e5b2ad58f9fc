/**
 * The SessionHub of one node's own actors: sends (stored in the outbox, then handed to the
 * actor), command dispatch, the event stream (the Supervisor's EventLog), snapshots and the
 * health report. Starting, stopping and restarting actors is the Supervisor's: this hub reaches
 * it only through `SupervisedSessions`.
 *
 * from: gateway routes / realtime / scheduler (or cluster mode's RoutedHub for sessions this
 * node holds) → here → next: acceptSend / retrySend (outbox), ActorHandle.call (the actor).
 */
import {
  hubError,
  HUB_ERROR_CODES,
  RPC_ERROR_CODES,
  RpcError,
  type AcceptedSend,
  type ActorSnapshot,
  type CommandName,
  type CommandReq,
  type CommandRes,
  type HubEvent,
  type OutgoingMessageInput,
  type SessionHub,
} from '@switchboard/shared';
import { Session } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import type { EventLog } from './events/eventLog.ts';
import { buildHealthReport, type HealthReport } from './health/healthReport.ts';
import { acceptSend } from './outbox/acceptSend.ts';
import { OutboxDepth } from './outbox/outboxDepth.ts';
import { requeueFailed } from './outbox/retrySend.ts';
import type { SessionRecords } from './sessionRecords.ts';
import { snapshotOf, type SessionSlot } from './sessionSlot.ts';

/** How often touched sessions' outbox depth is recounted. */
const OUTBOX_DEPTH_REFRESH_MS = 30_000;

/** What the hub uses of supervision (implemented by the Supervisor). */
export interface SupervisedSessions {
  /** True once shutdown began: no new work is taken. */
  readonly closed: boolean;
  /** Actor events, numbered and stored before subscribers get them. */
  readonly events: Pick<EventLog, 'subscribe'>;
  /** Writes to Session documents, serialized per session. */
  readonly records: Pick<SessionRecords, 'health'>;
  /** The slot of a session this node has supervised, if any (read only: supervision owns it). */
  slot(sessionId: string): Readonly<SessionSlot> | undefined;
  /** Every slot of this node. */
  knownSlots(): Iterable<Readonly<SessionSlot>>;
  start(sessionId: string): Promise<void>;
  stop(sessionId: string, opts?: { logout?: boolean }): Promise<void>;
  /** Someone looks at a session's link code or asks for one: its link timeout counts from now. */
  linkActivity(sessionId: string): void;
  resetAttempts(sessionId: string): Promise<void>;
  /** Cluster mode: this node's fencing token for the session (undefined on a single node, or when not held). */
  fenceOf(sessionId: string): number | undefined;
}

/** Options of LocalHub. */
export interface LocalHubOptions {
  logger: Logger;
  /** Clock (epoch ms). */
  now: () => number;
  /** How often the outbox depth of sessions with outbox activity is recounted (default 30 s). */
  outboxDepthRefreshMs?: number;
}

/** SessionHub over this node's supervised actors (see the module comment). */
export class LocalHub implements SessionHub {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly outbox: OutboxDepth;
  private readonly outboxTimer: NodeJS.Timeout;

  constructor(
    private readonly sessions: SupervisedSessions,
    opts: LocalHubOptions,
  ) {
    this.log = opts.logger;
    this.now = opts.now;
    this.outbox = new OutboxDepth(this.log);
    this.outboxTimer = setInterval(() => void this.refreshOutboxDepth(), opts.outboxDepthRefreshMs ?? OUTBOX_DEPTH_REFRESH_MS).unref();
  }

  start(sessionId: string): Promise<void> {
    return this.sessions.start(sessionId);
  }

  stop(sessionId: string, opts?: { logout?: boolean }): Promise<void> {
    return this.sessions.stop(sessionId, opts);
  }

  resetAttempts(sessionId: string): Promise<void> {
    return this.sessions.resetAttempts(sessionId);
  }

  async call<C extends CommandName>(
    sessionId: string,
    command: C,
    req: CommandReq<C>,
    opts?: { timeoutMs?: number },
  ): Promise<CommandRes<C>> {
    const handle = this.sessions.slot(sessionId)?.handle;
    if (!handle?.isReady || !handle.alive) {
      throw new RpcError(RPC_ERROR_CODES.NOT_RUNNING, `Session ${sessionId} has no running actor`);
    }
    if (command === 'getQr' || command === 'requestPairingCode') this.sessions.linkActivity(sessionId);
    return handle.call(command, req, opts);
  }

  async send(sessionId: string, input: OutgoingMessageInput): Promise<AcceptedSend> {
    if (this.sessions.closed) throw hubError(HUB_ERROR_CODES.HUB_CLOSED, 'The supervisor is shutting down');
    // A session with a running actor exists (deleting one stops its actor first): no read.
    const running = !!this.sessions.slot(sessionId)?.handle;
    if (!running && !(await Session.exists({ sessionId }))) throw hubError(HUB_ERROR_CODES.SESSION_NOT_FOUND, `Session ${sessionId} does not exist`);
    const accepted = await acceptSend(sessionId, input, new Date(this.now()), this.sessions.fenceOf(sessionId));
    this.outbox.touch(sessionId);
    // A repeated clientId is kicked too while its message is pending: the first attempt may have
    // claimed the key and died (a node killed mid-request) before storing the message, which
    // this call stored; unkicked, a caught-up actor would not look for it until its next scan.
    if (accepted.status === 'pending') this.kickOutbox(sessionId, accepted.messageId);
    return accepted;
  }

  async retry(sessionId: string, messageId: string): Promise<AcceptedSend> {
    if (this.sessions.closed) throw hubError(HUB_ERROR_CODES.HUB_CLOSED, 'The supervisor is shutting down');
    const accepted = await requeueFailed(sessionId, messageId);
    this.outbox.touch(sessionId);
    this.kickOutbox(sessionId, messageId);
    return accepted;
  }

  /**
   * Asks a running actor to deliver its pending messages now, naming the one just stored (the
   * actor claims it by key instead of scanning: issue 13), or none (the actor scans); a stopped
   * one does it on start. False when no actor is ready to be asked.
   */
  private kickOutbox(sessionId: string, messageId?: string): boolean {
    const handle = this.sessions.slot(sessionId)?.handle;
    if (!handle?.isReady) return false;
    const messageIds = messageId ? [messageId] : [];
    handle.call('flushOutbox', { messageIds }).catch((err: unknown) => this.log.debug({ err, sessionId }, 'flushOutbox not delivered'));
    return true;
  }

  subscribe(listener: (event: HubEvent) => void): () => void {
    return this.sessions.events.subscribe(listener);
  }

  snapshot(sessionId: string): ActorSnapshot | undefined {
    const slot = this.sessions.slot(sessionId);
    return slot ? snapshotOf(slot, this.outbox.get(sessionId)) : undefined;
  }

  snapshots(): ActorSnapshot[] {
    return [...this.sessions.knownSlots()].map((slot) => snapshotOf(slot, this.outbox.get(slot.sessionId)));
  }

  /** Health of every known session (also logged by the scheduler's health check). */
  healthReport(): HealthReport {
    return buildHealthReport(this.snapshots(), this.now());
  }

  /** Stores a health report on the Session documents (health.lastCheckAt, healthy, issues). */
  async recordHealth(report: HealthReport): Promise<void> {
    const at = new Date(report.at);
    await Promise.all(report.sessions.map((s) => this.sessions.records.health(s.sessionId, { at, healthy: s.healthy, issues: s.issues })));
  }

  /** The session's outbox may have changed (a new slot, a send or status the actor reported). */
  outboxChanged(sessionId: string): void {
    this.outbox.touch(sessionId);
  }

  /**
   * Counts the outbox of every session whose outbox may have changed (the timer does it every
   * 30 s), and asks the running actor of each session with pending messages to deliver them.
   */
  async refreshOutboxDepth(): Promise<void> {
    const waiting = await this.outbox.refresh().catch((err: unknown) => {
      this.log.warn({ err }, 'outbox depth refresh failed');
      return [];
    });
    // A safety net: a running actor is asked to look for what is still pending (a scan, no
    // hint), in case a send reached the database without a kick reaching the actor; counted
    // again next time until it drains.
    for (const sessionId of waiting) if (this.kickOutbox(sessionId)) this.outbox.touch(sessionId);
  }

  /** Stops the outbox depth timer (the Supervisor's shutdown). */
  close(): void {
    clearInterval(this.outboxTimer);
  }
}
