import { AuthKey, AuthState, Session, type SessionDoc } from '@switchboard/shared/node';
import { SESSION_STATUSES, type SessionStatus } from '@switchboard/shared';
import type { QueryFilter } from 'mongoose';
import type { AuthContext } from '../../auth/authContext.ts';
import type { GatewayDeps } from '../../deps.ts';
import { scope } from '../../policies/subjects.ts';
import { presentSession } from '../../presenters/sessions.ts';
import { listOf, listResponse, pageQuery, paging } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { cleanupInactiveBody, cleanupInactiveResponse, sessionSchema, statsSchema } from './schema.ts';

const tag = 'Monitoring';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A page of the caller's visible sessions matching `extra`. */
async function listScoped(deps: GatewayDeps, auth: AuthContext, extra: QueryFilter<SessionDoc>, q: { page: number; limit: number }) {
  const filter: QueryFilter<SessionDoc> = { $and: [scope(auth, 'read', 'Session'), extra] };
  const { skip, limit } = paging(q);
  const [docs, total] = await Promise.all([Session.find(filter).sort({ createdAt: 1 }).skip(skip).limit(limit).lean(), Session.countDocuments(filter)]);
  return listResponse(docs.map((d) => presentSession(d, deps.hub.snapshot(d.sessionId))), total, q);
}

/** Counts and totals over every session (FerretDB-friendly: no aggregation accumulators beyond find). */
export async function sessionStats(deps: GatewayDeps) {
  const docs = await Session.find({}, { sessionId: 1, status: 1, active: 1, metrics: 1 }).lean();
  const byStatus = Object.fromEntries(SESSION_STATUSES.map((s) => [s, 0])) as Record<SessionStatus, number>;
  let messagesSent = 0;
  let messagesReceived = 0;
  let chats = 0;
  for (const d of docs) {
    const status = deps.hub.snapshot(d.sessionId)?.status ?? d.status;
    byStatus[status] += 1;
    messagesSent += d.metrics?.messagesSent ?? 0;
    messagesReceived += d.metrics?.messagesReceived ?? 0;
    chats += d.metrics?.chatCount ?? 0;
  }
  const snaps = deps.hub.snapshots();
  return {
    total: docs.length,
    active: docs.filter((d) => d.active).length,
    byStatus,
    messagesSent,
    messagesReceived,
    chats,
    runningActors: snaps.filter((s) => s.pid !== null).length,
    restarts: snaps.reduce((n, s) => n + s.restarts, 0),
  };
}

/** Statistics and monitoring lists. */
export const monitoringRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/sessions/stats', tag, summary: 'Statistics over all sessions', auth: 'user', permission: ['read', 'Dashboard'],
    response: { status: 200, description: 'Counts and totals', schema: statsSchema },
    handler: async ({ deps }) => sessionStats(deps),
  }),
  defineRoute({
    method: 'get', path: '/api/sessions/active', tag, summary: 'Sessions the supervisor keeps running', auth: 'user', permission: ['read', 'Session'],
    record: 'Session', query: pageQuery,
    response: { status: 200, description: 'A page of sessions', schema: listOf(sessionSchema) },
    handler: async ({ deps, auth, query }) => listScoped(deps, auth!, { active: true }, query),
  }),
  defineRoute({
    method: 'get', path: '/api/sessions/connected', tag, summary: 'Sessions connected to WhatsApp', auth: 'user', permission: ['read', 'Session'],
    record: 'Session', query: pageQuery,
    response: { status: 200, description: 'A page of sessions', schema: listOf(sessionSchema) },
    async handler({ deps, auth, query }) {
      const live = deps.hub.snapshots().filter((s) => s.status === 'connected').map((s) => s.sessionId);
      return listScoped(deps, auth!, { $or: [{ status: 'connected' }, { sessionId: { $in: live } }] }, query);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/sessions/problematic', tag, summary: 'Sessions that need an operator (problematic, logged out, replaced, unhealthy)', auth: 'user', permission: ['read', 'Session'],
    record: 'Session', query: pageQuery,
    response: { status: 200, description: 'A page of sessions', schema: listOf(sessionSchema) },
    async handler({ deps, auth, query }) {
      const sick = deps.hub.snapshots().filter((s) => ['problematic', 'logged_out', 'replaced'].includes(s.status)).map((s) => s.sessionId);
      return listScoped(deps, auth!, { $or: [{ status: { $in: ['problematic', 'logged_out', 'replaced'] } }, { 'health.healthy': false }, { sessionId: { $in: sick } }] }, query);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/cleanup-inactive', tag, summary: 'Remove inactive sessions (not active, untouched for N days) and their credentials', auth: 'user', permission: ['delete', 'Session'],
    record: 'Session', body: cleanupInactiveBody, audit: 'session.cleanup_inactive',
    response: { status: 200, description: 'Removed session ids (only sessions the caller may delete)', schema: cleanupInactiveResponse },
    async handler({ deps, auth, body, audit }) {
      const cutoff = new Date(deps.now().getTime() - body.olderThanDays * DAY_MS);
      const filter: QueryFilter<SessionDoc> = { $and: [scope(auth!, 'delete', 'Session'), { active: false, updatedAt: { $lte: cutoff } }] };
      const docs = await Session.find(filter, { sessionId: 1 }).lean();
      const removed = docs.map((d) => d.sessionId).filter((id) => (deps.hub.snapshot(id)?.pid ?? null) === null);
      if (removed.length > 0) {
        await Promise.all([
          Session.deleteMany({ sessionId: { $in: removed }, active: false }),
          AuthState.deleteMany({ sessionId: { $in: removed } }),
          AuthKey.deleteMany({ sessionId: { $in: removed } }),
        ]);
      }
      audit.targetType = 'Session';
      audit.details = { removed, olderThanDays: body.olderThanDays };
      return { removed };
    },
  }),
];
