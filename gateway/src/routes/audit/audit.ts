import { AuditLog, User, type AuditLogDoc } from '@switchboard/shared/node';
import { Types, type QueryFilter } from 'mongoose';
import { z } from '../../openapi/zod.ts';
import { scope } from '../../policies/subjects.ts';
import { presentAudit } from '../../presenters/assignments.ts';
import { escapeRegex, isoDateTimeQuery, listOf, listResponse, objectId, pageQuery, paging } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';

/** An audit entry as returned by the API. */
export const auditSchema = z
  .object({
    id: z.string(),
    userId: z.string().nullable(),
    userName: z.string().nullable(),
    userEmail: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    details: z.unknown(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    at: z.string(),
  })
  .openapi('AuditEntry');

const auditQuery = pageQuery.extend({
  userId: objectId.optional(),
  action: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z_.]+\*?$/)
    .optional()
    .openapi({ description: 'Exact action, or a prefix ending in `*` (e.g. `session.*`)' }),
  targetType: z.string().trim().max(50).optional(),
  targetId: z.string().trim().max(200).optional(),
  from: isoDateTimeQuery.optional(),
  to: isoDateTimeQuery.optional(),
});

/** The audit log, newest first, filterable. */
export const auditRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/audit', tag: 'Audit', summary: 'List audit entries with the acting user (filters: userId, action or action prefix, target, from/to)', auth: 'user', permission: ['read', 'AuditLog'],
    record: 'AuditLog', query: auditQuery,
    response: { status: 200, description: 'A page of entries', schema: listOf(auditSchema) },
    async handler({ auth, query }) {
      const filter: QueryFilter<AuditLogDoc> = { ...scope(auth!, 'read', 'AuditLog') };
      if (query.userId) filter.userId = new Types.ObjectId(query.userId);
      if (query.action?.endsWith('*')) filter.action = { $regex: `^${escapeRegex(query.action.slice(0, -1))}` };
      else if (query.action) filter.action = query.action;
      if (query.targetType) filter.targetType = query.targetType;
      if (query.targetId) filter.targetId = query.targetId;
      if (query.from || query.to) {
        filter.at = { ...(query.from ? { $gte: new Date(query.from) } : {}), ...(query.to ? { $lte: new Date(query.to) } : {}) };
      }
      const { skip, limit } = paging(query);
      const [docs, total] = await Promise.all([AuditLog.find(filter).sort({ at: -1 }).skip(skip).limit(limit).lean(), AuditLog.countDocuments(filter)]);
      // One query for the page's users, not one per entry.
      const ids = [...new Set(docs.flatMap((d) => (d.userId ? [d.userId.toString()] : [])))];
      const users = ids.length > 0 ? await User.find({ _id: { $in: ids } }, { name: 1, email: 1 }).lean() : [];
      const byId = new Map(users.map((u) => [u._id.toString(), u]));
      return listResponse(docs.map((d) => presentAudit(d, d.userId ? byId.get(d.userId.toString()) : null)), total, query);
    },
  }),
];
