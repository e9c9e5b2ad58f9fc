import { AuditLog, type AuditLogDoc } from '@switchboard/shared/node';
import { accessibleBy } from '@casl/mongoose';
import { Types, type QueryFilter } from 'mongoose';
import { z } from '../../openapi/zod.ts';
import { presentAudit } from '../../presenters/assignments.ts';
import { listOf, listResponse, objectId, pageQuery, paging } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';

/** An audit entry as returned by the API. */
export const auditSchema = z
  .object({
    id: z.string(),
    userId: z.string().nullable(),
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
  action: z.string().trim().max(100).regex(/^[a-z_.]+$/).optional(),
  targetType: z.string().trim().max(50).optional(),
  targetId: z.string().trim().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** The audit log, newest first, filterable. */
export const auditRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/audit', tag: 'Audit', summary: 'List audit entries (filters: userId, action, target, from/to)', auth: 'user', permission: ['read', 'AuditLog'],
    query: auditQuery,
    response: { status: 200, description: 'A page of entries', schema: listOf(auditSchema) },
    async handler({ auth, query }) {
      const filter: QueryFilter<AuditLogDoc> = { ...accessibleBy(auth!.ability, 'read').ofType('AuditLog') };
      if (query.userId) filter.userId = new Types.ObjectId(query.userId);
      if (query.action) filter.action = query.action;
      if (query.targetType) filter.targetType = query.targetType;
      if (query.targetId) filter.targetId = query.targetId;
      if (query.from || query.to) {
        filter.at = { ...(query.from ? { $gte: new Date(query.from) } : {}), ...(query.to ? { $lte: new Date(query.to) } : {}) };
      }
      const { skip, limit } = paging(query);
      const [docs, total] = await Promise.all([AuditLog.find(filter).sort({ at: -1 }).skip(skip).limit(limit).lean(), AuditLog.countDocuments(filter)]);
      return listResponse(docs.map(presentAudit), total, query);
    },
  }),
];
