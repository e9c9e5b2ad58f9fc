import type { SessionHealthEvent, SessionHub } from '@switchboard/shared';
import type { RealtimeServer } from './clientState.ts';
import { sessionRoom } from './rooms.ts';

/** Emits one `session-health` snapshot per known actor to the sockets following its session. */
export function emitSessionHealth(io: RealtimeServer, hub: Pick<SessionHub, 'snapshots'>, now: number): number {
  let sent = 0;
  for (const s of hub.snapshots()) {
    const event: SessionHealthEvent = {
      sessionId: s.sessionId,
      at: now,
      status: s.status,
      pid: s.pid,
      restarts: s.restarts,
      lastHeartbeatAt: s.lastHeartbeatAt,
      rssBytes: s.rssBytes,
      eventLoopLagMs: s.eventLoopLagMs,
      lastError: s.lastError,
      lastDisconnectCause: s.lastDisconnectCause,
      outboxDepth: s.outboxDepth ?? null,
    };
    // This node's sockets only: every node emits the whole cluster's snapshots to its own.
    io.local.to(sessionRoom(s.sessionId)).emit('session-health', event);
    sent += 1;
  }
  return sent;
}

/** Starts the periodic `session-health` broadcast; returns the stop function. */
export function startHealthTicker(io: RealtimeServer, hub: Pick<SessionHub, 'snapshots'>, everyMs: number): () => void {
  const timer = setInterval(() => emitSessionHealth(io, hub, Date.now()), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
