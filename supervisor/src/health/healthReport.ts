/**
 * The per-session health report: what ops need to tell at a glance which sessions are sick
 * and why. Logged as one JSON line per interval and served to the gateway.
 */
import type { ActorSnapshot, NodeHealthReport, SessionHealthView, SessionStatus } from '@switchboard/shared';

/** Health of one session (the shape the gateway serves: shared/api/health.ts). */
export type SessionHealth = SessionHealthView;

/** Health of every session known to this node. */
export type HealthReport = NodeHealthReport;

const SICK: ReadonlySet<SessionStatus> = new Set(['problematic', 'logged_out', 'replaced']);

/** Issues worth a human's attention for one snapshot. */
export function issuesOf(s: ActorSnapshot): string[] {
  const issues: string[] = [];
  if (SICK.has(s.status)) issues.push(`status ${s.status}`);
  if (s.status !== 'stopped' && !SICK.has(s.status) && s.pid === null) issues.push('no actor running');
  if (s.eventLoopLagMs !== null && s.eventLoopLagMs > 1_000) issues.push(`event loop lag ${Math.round(s.eventLoopLagMs)} ms`);
  if (s.restarts > 0) issues.push(`${s.restarts} restarts`);
  return issues;
}

/** Builds the report from the hub's snapshots. */
export function buildHealthReport(snapshots: ActorSnapshot[], now: number): HealthReport {
  const sessions = snapshots.map((s): SessionHealth => {
    const issues = issuesOf(s);
    return {
      sessionId: s.sessionId,
      status: s.status,
      healthy: !issues.some((i) => i.startsWith('status') || i === 'no actor running'),
      pid: s.pid,
      uptimeMs: s.startedAt === null ? null : now - s.startedAt,
      restarts: s.restarts,
      lastHeartbeatAt: s.lastHeartbeatAt,
      rssBytes: s.rssBytes,
      eventLoopLagMs: s.eventLoopLagMs,
      lastError: s.lastError,
      lastDisconnectCause: s.lastDisconnectCause,
      issues,
    };
  });
  const byStatus: Partial<Record<SessionStatus, number>> = {};
  for (const s of sessions) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
  return { at: now, total: sessions.length, healthy: sessions.filter((s) => s.healthy).length, byStatus, sessions };
}
