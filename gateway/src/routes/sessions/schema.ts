import { SESSION_STATUSES } from '@switchboard/shared';
import { z } from '../../openapi/zod.ts';
import { pageQuery, sessionIdSchema } from '../common.ts';

/** A session as lists return it. */
export const sessionSchema = z
  .object({
    sessionId: z.string(),
    name: z.string(),
    status: z.enum(SESSION_STATUSES),
    active: z.boolean(),
    me: z.object({ id: z.string(), lid: z.string().nullable(), name: z.string().nullable() }).nullable(),
    problematicSince: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Session');

/** A session with process facts and metrics. */
export const sessionDetailsSchema = sessionSchema
  .extend({
    pid: z.number().int().nullable(),
    process: z.record(z.string(), z.unknown()).nullable(),
    metrics: z.record(z.string(), z.unknown()),
    health: z.object({ healthy: z.boolean(), issues: z.array(z.string()), lastCheckAt: z.string().nullable() }),
    restarts: z.array(z.object({ at: z.string(), reason: z.string(), exitCode: z.number().nullable() })),
  })
  .openapi('SessionDetails');

/** POST /api/sessions */
export const createSessionBody = z
  .object({ sessionId: sessionIdSchema.optional(), name: z.string().trim().min(1).max(200).optional() })
  .openapi('CreateSessionRequest');

/** GET /api/sessions */
export const listSessionsQuery = pageQuery.extend({ status: z.enum(SESSION_STATUSES).optional() });

/** GET /api/sessions/:sessionId/qr */
export const qrResponse = z
  .object({ qr: z.string().nullable(), status: z.enum(SESSION_STATUSES), image: z.string().optional().openapi({ description: 'PNG data URL of the QR' }) })
  .openapi('SessionQr');

/** POST /api/sessions/:sessionId/pairing-code */
export const pairingBody = z
  .object({ phone: z.string().trim().transform((s) => s.replace(/[\s+()-]/g, '')).pipe(z.string().regex(/^\d{6,15}$/, 'Phone number in international format, digits only')) })
  .openapi('PairingCodeRequest');

/** Answer of the pairing-code route. */
export const pairingResponse = z.object({ code: z.string() }).openapi('PairingCode');

/** GET /api/sessions/stats */
export const statsSchema = z
  .object({
    total: z.number().int(),
    active: z.number().int(),
    byStatus: z.record(z.string(), z.number().int()),
    messagesSent: z.number(),
    messagesReceived: z.number(),
    chats: z.number(),
    runningActors: z.number().int(),
    restarts: z.number().int(),
  })
  .openapi('SessionStats');

/** POST /api/sessions/cleanup-inactive */
export const cleanupInactiveBody = z
  .object({ olderThanDays: z.number().int().min(0).max(3650).default(30) })
  .openapi('CleanupInactiveRequest');

/** Answer of cleanup-inactive. */
export const cleanupInactiveResponse = z.object({ removed: z.array(z.string()) }).openapi('CleanupInactiveResult');
