import type { ActorSnapshot } from '@switchboard/shared';
import type { SessionDoc } from '@switchboard/shared/node';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Figures a list shows beside a session: the stored metrics plus the running actor's pid and restarts. */
export function presentSessionSummary(s: SessionDoc, snap?: ActorSnapshot) {
  const m = s.metrics;
  return {
    lastActivityAt: iso(m?.lastActivityAt),
    lastConnectedAt: iso(m?.lastConnectedAt),
    lastDisconnectCause: m?.lastDisconnectCause ?? null,
    messagesReceived: m?.messagesReceived ?? 0,
    messagesSent: m?.messagesSent ?? 0,
    // Restarts of the actor since this node started (the hub's count, as in /api/sessions/stats).
    restarts: snap?.restarts ?? 0,
    pid: snap?.pid ?? null,
  };
}

/** A session as lists return it; live status from the hub wins over the stored one. */
export function presentSession(s: SessionDoc, snap?: ActorSnapshot) {
  return {
    sessionId: s.sessionId,
    name: s.name,
    status: snap?.status ?? s.status,
    active: s.active,
    me: s.me?.id ? { id: s.me.id, lid: s.me.lid ?? null, name: s.me.name ?? null } : null,
    problematicSince: iso(s.problematicSince),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    summary: presentSessionSummary(s, snap),
  };
}

/** A session with its process facts and metrics (`/details`). */
export function presentSessionDetails(s: SessionDoc, snap?: ActorSnapshot) {
  const m = s.metrics;
  return {
    ...presentSession(s, snap),
    pid: snap?.pid ?? null,
    process: snap
      ? {
          startedAt: snap.startedAt,
          restarts: snap.restarts,
          lastHeartbeatAt: snap.lastHeartbeatAt,
          rssBytes: snap.rssBytes,
          heapUsedBytes: snap.heapUsedBytes,
          eventLoopLagMs: snap.eventLoopLagMs,
          lastError: snap.lastError,
          lastDisconnectCause: snap.lastDisconnectCause,
          outboxDepth: snap.outboxDepth ?? null,
        }
      : null,
    metrics: {
      messagesSent: m.messagesSent,
      messagesReceived: m.messagesReceived,
      chatCount: m.chatCount,
      lastActivityAt: iso(m.lastActivityAt),
      connectionAttempts: m.connectionAttempts,
      errorCount: m.errorCount,
      lastError: m.lastError ?? null,
      lastDisconnectCause: m.lastDisconnectCause ?? null,
      lastConnectedAt: iso(m.lastConnectedAt),
    },
    health: { healthy: s.health.healthy, issues: s.health.issues, lastCheckAt: iso(s.health.lastCheckAt) },
    restarts: s.restarts.slice(-10).map((r) => ({ at: r.at.toISOString(), reason: r.reason, exitCode: r.exitCode ?? null })),
  };
}
