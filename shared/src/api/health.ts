/**
 * What the operators read (REST contract, as rest.ts): the dashboard's numbers and alerts, and the
 * health reports of the system, each node and each session's actor.
 */
import type { SessionStatus } from '../domain/messages.ts';
import type { DisconnectCause } from '../protocol/events.ts';

/** `GET /api/sessions/stats`. */
export interface SessionStatsView {
  total: number;
  active: number;
  byStatus: Record<string, number>;
  messagesSent: number;
  messagesReceived: number;
  chats: number;
  runningActors: number;
  restarts: number;
}

/** One minute of message traffic (ms since epoch of the minute's start). */
export interface RatePoint {
  minute: number;
  received: number;
  sent: number;
}

/** A session that needs an operator. */
export interface AlertView {
  sessionId: string;
  name: string;
  status: SessionStatus;
  cause: DisconnectCause | null;
  /** ISO time the problem started, when known. */
  since: string | null;
}

/** `GET /api/admin/dashboard`. */
export interface DashboardView {
  sessions: SessionStatsView;
  users: { total: number; active: number; byRole: Record<string, number> };
  assignments: number;
  messagesToday: { received: number; sent: number };
  recentActivity: { action: string; userId: string | null; userName?: string | null; targetType: string | null; targetId: string | null; at: string }[];
  /** Messages per minute over the last hour, oldest first (since this node started). */
  rates?: RatePoint[];
  alerts?: AlertView[];
}

/** `GET /api/admin/system/health`. */
export interface SystemHealthView {
  status: 'ok' | 'degraded';
  uptimeSeconds: number;
  database: { ok: boolean };
  memory: { rssBytes: number; heapUsedBytes: number };
  email: { mode: string };
  /** The node's per-session health report. */
  sessions: NodeHealthReport;
}

/** Health of one session's actor, as the supervisor reports it. */
export interface SessionHealthView {
  sessionId: string;
  status: SessionStatus;
  healthy: boolean;
  pid: number | null;
  uptimeMs: number | null;
  restarts: number;
  lastHeartbeatAt: number | null;
  rssBytes: number | null;
  eventLoopLagMs: number | null;
  lastError: string | null;
  lastDisconnectCause: string | null;
  issues: string[];
}

/** The supervisor's health report of one node. */
export interface NodeHealthReport {
  at: number;
  total: number;
  healthy: number;
  byStatus: Partial<Record<SessionStatus, number>>;
  sessions: SessionHealthView[];
}
