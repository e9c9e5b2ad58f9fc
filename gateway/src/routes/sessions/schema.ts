import { SESSION_STATUSES, TIMELINE_KINDS } from '@switchboard/shared';
import { z } from '../../openapi/zod.ts';
import { pageQuery, phoneNumberSchema, sessionIdSchema } from '../common.ts';

/** Figures a session list shows beside each session. */
export const sessionSummarySchema = z
  .object({
    lastActivityAt: z.string().nullable(),
    lastConnectedAt: z.string().nullable(),
    lastDisconnectCause: z.string().nullable(),
    messagesReceived: z.number().int(),
    messagesSent: z.number().int(),
    restarts: z.number().int().openapi({ description: 'Actor restarts since this node started' }),
    pid: z.number().int().nullable(),
  })
  .openapi('SessionSummary');

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
    summary: sessionSummarySchema,
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

/** Sort keys of the session list (`lastActivity` is `metrics.lastActivityAt`). */
export const SESSION_SORTS = ['name', 'status', 'createdAt', 'lastActivity'] as const;

/** GET /api/sessions */
export const listSessionsQuery = pageQuery.extend({
  status: z.enum(SESSION_STATUSES).optional(),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'Name or id contains (case-insensitive)' }),
  sort: z.enum(SESSION_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

/** PUT /api/sessions/:sessionId */
export const renameSessionBody = z.object({ name: z.string().trim().min(1).max(200) }).openapi('RenameSessionRequest');

/** GET /api/sessions/:sessionId/timeline */
export const timelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().min(1).optional().openapi({ description: 'Only entries with a smaller seq (the last seq of the previous page)' }),
});

/** GET /api/sessions/:sessionId/qr */
export const qrResponse = z
  .object({ qr: z.string().nullable(), status: z.enum(SESSION_STATUSES), image: z.string().optional().openapi({ description: 'PNG data URL of the QR' }) })
  .openapi('SessionQr');

/** POST /api/sessions/:sessionId/pairing-code */
export const pairingBody = z
  .object({ phone: phoneNumberSchema })
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

/** One entry of a session's timeline (newest first). */
export const timelineEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    kind: z.enum(TIMELINE_KINDS),
    status: z.enum(SESSION_STATUSES).nullable(),
    cause: z.string().nullable(),
    statusCode: z.number().int().nullable(),
    detail: z.string().nullable(),
    downMs: z.number().int().optional().openapi({ description: 'On a disconnection followed by a reconnection: how long the session was down' }),
    messagesDuringGap: z.number().int().optional().openapi({ description: 'Incoming messages sent while it was down (delivered after reconnecting)' }),
  })
  .openapi('TimelineEntry');

/** Answer of GET /api/sessions/:sessionId/timeline: entries, newest first. */
export const timelineResponse = z.array(timelineEntrySchema).openapi('Timeline');
