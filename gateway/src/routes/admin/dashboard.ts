import mongoose from 'mongoose';
import { Assignment, AuditLog, Message, Role, User } from '@switchboard/shared/node';
import type { AuthContext } from '../../auth/authContext.ts';
import { badRequest } from '../../errors.ts';
import type { GatewayDeps } from '../../deps.ts';
import { scope } from '../../policies/subjects.ts';
import { sessionStats } from '../sessions/monitoring.ts';
import { sessionAlerts } from './alerts.ts';

/** The last audit entries the caller may read (none without `read AuditLog`: the dashboard permission is not the log's). */
async function recentAudit(auth: AuthContext) {
  const filter = scope(auth, 'read', 'AuditLog');
  if (!auth.ability.can('read', 'AuditLog')) return [];
  return AuditLog.find(filter).sort({ at: -1 }).limit(10).lean();
}

/** How far back a caller's day may start (a day of 24 hours in any zone, and a change of clock). */
const MAX_DAY_MS = 36 * 3_600_000;

/**
 * Everything the admin dashboard shows, computed with finds and counts only (FerretDB-safe), plus
 * the in-memory message rates. *Mensajes hoy* counts from `since`, the caller's local midnight
 * (default: midnight UTC).
 */
export async function buildDashboard(deps: GatewayDeps, auth: AuthContext, since?: number) {
  const now = deps.now();
  if (since !== undefined && (since > now.getTime() || since < now.getTime() - MAX_DAY_MS)) throw badRequest('invalid_since', 'The start of the day must be within the last 36 hours');
  const startOfDay = since !== undefined ? new Date(since) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [sessions, users, roles, assignments, received, sent, recent, alerts] = await Promise.all([
    sessionStats(deps),
    User.find({}, { role: 1, active: 1, name: 1 }).lean(),
    Role.find({}, { name: 1 }).lean(),
    Assignment.countDocuments({}),
    Message.countDocuments({ fromMe: false, timestamp: { $gte: startOfDay } }),
    // Sent: WhatsApp took them (a send still queued or failed is not sent).
    Message.countDocuments({ fromMe: true, timestamp: { $gte: startOfDay }, status: { $nin: ['pending', 'failed'] } }),
    recentAudit(auth),
    sessionAlerts(deps),
  ]);
  const names = new Map(roles.map((r) => [r._id.toString(), r.name]));
  const userNames = new Map(users.map((u) => [u._id.toString(), u.name]));
  const byRole: Record<string, number> = {};
  for (const u of users) {
    const name = names.get(String(u.role)) ?? 'unknown';
    byRole[name] = (byRole[name] ?? 0) + 1;
  }
  return {
    sessions,
    users: { total: users.length, active: users.filter((u) => u.active).length, byRole },
    assignments,
    messagesToday: { received, sent },
    recentActivity: recent.map((e) => {
      const userId = e.userId ? e.userId.toString() : null;
      return { action: e.action, userId, userName: userId ? (userNames.get(userId) ?? null) : null, targetType: e.targetType ?? null, targetId: e.targetId ?? null, at: e.at.toISOString() };
    }),
    rates: deps.rates.series(),
    alerts,
  };
}

/** System health: database ping, process memory, email mode and the supervisor's report. */
export async function buildHealth(deps: GatewayDeps) {
  let dbOk: boolean;
  try {
    await mongoose.connection.db?.admin().ping();
    dbOk = mongoose.connection.readyState === 1;
  } catch {
    dbOk = false;
  }
  const report = deps.health ? await deps.health() : { sessions: deps.hub.snapshots() };
  const mem = process.memoryUsage();
  return {
    status: dbOk ? ('ok' as const) : ('degraded' as const),
    uptimeSeconds: Math.round(process.uptime()),
    database: { ok: dbOk },
    memory: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed },
    email: { mode: deps.email.mode },
    sessions: report,
  };
}
