import { SESSION_STATUSES } from '@switchboard/shared';
import { z } from '../../openapi/zod.ts';
import { objectId, timeZoneSchema } from '../common.ts';
import { statsSchema } from '../sessions/schema.ts';

/** `:userId` of the admin reset route. */
export const adminUserParams = z.object({ userId: objectId });

/** Answer of the admin password reset (the temporary password travels only by email). */
export const adminResetResponse = z
  .object({
    ok: z.literal(true),
    emailed: z.boolean(),
    temporaryPassword: z.string().optional().openapi({ description: 'Only when the email could not be sent: hand it to the user another way' }),
  })
  .openapi('AdminResetResult');

/** One minute of message traffic (`minute`: ms since epoch of its start). */
export const ratePointSchema = z
  .object({ minute: z.number().int(), received: z.number().int(), sent: z.number().int() })
  .openapi('RatePoint');

/** A session that needs an operator. */
export const alertSchema = z
  .object({
    sessionId: z.string(),
    name: z.string(),
    status: z.enum(SESSION_STATUSES),
    cause: z.string().nullable(),
    since: z.string().nullable().openapi({ description: 'When the problem started (problematicSince, else the last update)' }),
  })
  .openapi('SessionAlert');

/** GET /api/admin/dashboard's query. */
export const dashboardQuery = z.object({
  tz: timeZoneSchema.default('UTC').openapi({ description: "The caller's IANA time zone: `messagesToday` counts from its midnight", example: 'Europe/Madrid' }),
});

/** GET /api/admin/dashboard */
export const dashboardSchema = z
  .object({
    sessions: statsSchema,
    users: z.object({ total: z.number().int(), active: z.number().int(), byRole: z.record(z.string(), z.number().int()) }),
    assignments: z.number().int(),
    messagesToday: z
      .object({ received: z.number().int(), sent: z.number().int() })
      .openapi({ description: 'Messages since midnight in `tz`: received, and sent (WhatsApp took them: none pending or failed), by their time' }),
    recentActivity: z.array(z.object({ action: z.string(), userId: z.string().nullable(), userName: z.string().nullable(), targetType: z.string().nullable(), targetId: z.string().nullable(), at: z.string() })),
    rates: z.array(ratePointSchema).openapi({ description: 'Messages per minute over the last hour, oldest first (since this node started): each once, in the minute of its time, as `messagesToday` counts them' }),
    alerts: z.array(alertSchema).openapi({ description: 'Sessions that need an operator, most recent first' }),
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
