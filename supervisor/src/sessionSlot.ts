/**
 * What the Supervisor remembers about one session between actor runs: the current handle,
 * its restart history, the latest vitals and the last status published.
 */
import type { ActorSnapshot, DisconnectCause, SessionStatus } from '@switchboard/shared';
import type { ActorHandle } from './ActorHandle.ts';

/** Mutable per-session state owned by the Supervisor. */
export interface SessionSlot {
  sessionId: string;
  handle: ActorHandle | null;
  status: SessionStatus;
  /** Restart times of this session and its backoff exponent (see restartPolicy). */
  history: { restarts: number[]; attempt: number };
  restartTimer: ReturnType<typeof setTimeout> | null;
  /** Set while an operator stop or a node shutdown is taking the actor down. */
  stopRequested: boolean;
  /** Why the supervisor itself stopped the session (the link timeout), for its status and timeline. */
  stopReason: string | null;
  /** Restarts performed since this process started supervising the session. */
  restarts: number;
  lastError: string | null;
  lastDisconnectCause: DisconnectCause | null;
  connectedSince: number | null;
  lastTrafficAt: number | null;
  probing: boolean;
  /**
   * Epoch ms since when the session has been waiting to be linked (its first QR or pairing code
   * since it last was connected, stopped or terminal); null otherwise. Reconnects between QR
   * codes keep it: the link timeout counts from the first code.
   */
  waitingLinkSince: number | null;
  /** Why the supervisor is killing/recycling the current actor (becomes the restart reason). */
  killReason: string | null;
  /** Epoch ms of the last metrics write to the Session document. */
  metricsSavedAt: number;
  /** Called on every status change (used to wait for a start to settle). */
  waiters: Set<() => void>;
}

/** A fresh slot for a session. */
export function newSlot(sessionId: string, status: SessionStatus): SessionSlot {
  return {
    sessionId,
    handle: null,
    status,
    history: { restarts: [], attempt: 0 },
    restartTimer: null,
    stopRequested: false,
    stopReason: null,
    restarts: 0,
    lastError: null,
    lastDisconnectCause: null,
    connectedSince: null,
    lastTrafficAt: null,
    probing: false,
    waitingLinkSince: null,
    killReason: null,
    metricsSavedAt: 0,
    waiters: new Set(),
  };
}

/** The public view of a slot (SessionHub.snapshot). */
export function snapshotOf(slot: SessionSlot, outboxDepth: number | null = null): ActorSnapshot {
  const h = slot.handle;
  const beat = h?.lastHeartbeat ?? null;
  return {
    sessionId: slot.sessionId,
    status: slot.status,
    pid: h?.alive ? h.pid : null,
    startedAt: h?.alive ? h.startedAt : null,
    restarts: slot.restarts,
    lastHeartbeatAt: beat && h ? h.lastHeartbeatAt : null,
    rssBytes: beat?.rssBytes ?? null,
    heapUsedBytes: beat?.heapUsedBytes ?? null,
    eventLoopLagMs: beat?.eventLoopLagMs ?? null,
    lastError: slot.lastError,
    lastDisconnectCause: slot.lastDisconnectCause,
    outboxDepth,
  };
}

/** Statuses after which a start has settled (no longer in the start phase). */
export const SETTLED_STATUSES: ReadonlySet<SessionStatus> = new Set([
  'qr',
  'connected',
  'logged_out',
  'replaced',
  'problematic',
  'stopped',
]);

/** Resolves when `slot` reaches a settled status or `timeoutMs` passes (never rejects). */
export function waitSettled(slot: SessionSlot, timeoutMs: number): Promise<void> {
  if (SETTLED_STATUSES.has(slot.status)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      slot.waiters.delete(check);
      resolve();
    };
    const check = (): void => {
      if (SETTLED_STATUSES.has(slot.status)) done();
    };
    const timer = setTimeout(done, timeoutMs);
    slot.waiters.add(check);
  });
}
