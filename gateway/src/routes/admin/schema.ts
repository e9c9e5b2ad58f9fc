import { z } from '../../openapi/zod.ts';
import { objectId } from '../common.ts';
import { statsSchema } from '../sessions/schema.ts';

/** `:userId` of the admin reset route. */
export const adminUserParams = z.object({ userId: objectId });

/** Answer of the admin password reset (the temporary password travels only by email). */
export const adminResetResponse = z.object({ ok: z.literal(true), emailed: z.boolean() }).openapi('AdminResetResult');

/** GET /api/admin/dashboard */
export const dashboardSchema = z
  .object({
    sessions: statsSchema,
    users: z.object({ total: z.number().int(), active: z.number().int(), byRole: z.record(z.string(), z.number().int()) }),
    assignments: z.number().int(),
    messagesToday: z.object({ received: z.number().int(), sent: z.number().int() }),
    recentActivity: z.array(z.object({ action: z.string(), userId: z.string().nullable(), targetType: z.string().nullable(), targetId: z.string().nullable(), at: z.string() })),
  })
  .openapi('Dashboard');

/** GET /api/admin/system/health */
export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    uptimeSeconds: z.number(),
    database: z.object({ ok: z.boolean() }),
    memory: z.object({ rssBytes: z.number(), heapUsedBytes: z.number() }),
    email: z.object({ mode: z.enum(['smtp', 'file']) }),
    sessions: z.unknown().openapi({ description: 'Supervisor health report (per-session health, issues)' }),
  })
  .openapi('SystemHealth');
