import mongoose from 'mongoose';
import { Assignment, AuditLog, Message, Role, User } from '@switchboard/shared/node';
import type { AuthContext } from '../../auth/authContext.ts';
import type { GatewayDeps } from '../../deps.ts';
import { scope } from '../../policies/subjects.ts';
import { sessionStats } from '../sessions/monitoring.ts';
import { sessionAlerts } from './alerts.ts';
import { startOfDayIn } from './startOfDay.ts';

/** The last audit entries the caller may read (none without `read AuditLog`: the dashboard permission is not the log's). */
async function recentAudit(auth: AuthContext) {
  const filter = scope(auth, 'read', 'AuditLog');
  if (!auth.ability.can('read', 'AuditLog')) return [];
  return AuditLog.find(filter).sort({ at: -1 }).limit(10).lean();
}

/**
 * Everything the admin dashboard shows, computed with finds and counts only (FerretDB-safe), plus
 * the in-memory message rates. *Mensajes hoy* counts from midnight in the caller's zone.
 */
export async function buildDashboard(deps: GatewayDeps, auth: AuthContext, timeZone = 'UTC') {
  const now = deps.now();
  const startOfDay = new Date(startOfDayIn(now.getTime(), timeZone));
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
