import { WEBHOOK_DELIVERY_STATUSES } from '@switchboard/shared/node';
import { z } from '../../openapi/zod.ts';
import { WEBHOOK_EVENTS } from '../../webhooks/index.ts';
import { objectId, pageQuery, sessionIdSchema } from '../common.ts';

const name = z.string().trim().min(1).max(100).openapi({ example: 'CRM' });
const url = z
  .string()
  .trim()
  .max(2048)
  .pipe(z.url())
  .refine((u) => /^https?:\/\//i.test(u), 'Must be an http:// or https:// URL')
  .openapi({ description: 'http(s) URL receiving POSTs; loopback and private addresses are refused unless WEBHOOK_ALLOW_PRIVATE=true', example: 'https://crm.example.com/hooks/whatsapp' });
const sessionId = sessionIdSchema.nullable().openapi({ description: 'The session whose events are sent; null: every session' });
const events = z
  .array(z.enum(WEBHOOK_EVENTS as [string, ...string[]]))
  .max(WEBHOOK_EVENTS.length)
  .transform((list) => [...new Set(list)])
  .openapi({ description: 'Socket.IO event names to send; empty: all but `qr` and `pairing-code` (those only when listed)', example: ['message', 'message-status'] });

/** `:id` of a webhook. */
export const webhookParams = z.object({ id: objectId });

/** `:id` of a webhook and `:deliveryId` of one of its deliveries. */
export const deliveryParams = z.object({ id: objectId, deliveryId: objectId });

/** POST /api/webhooks */
export const createWebhookBody = z
  .object({
    name,
    url,
    sessionId: sessionId.default(null),
    events: events.default([]),
    active: z.boolean().default(true),
    secret: z.string().min(16).max(200).optional().openapi({ description: 'Signing secret (at least 16 characters); generated (`whsec_…`) when absent' }),
  })
  .openapi('CreateWebhookRequest');

/** PUT /api/webhooks/:id (at least one field). */
export const updateWebhookBody = z
  .object({ name: name.optional(), url: url.optional(), sessionId: sessionId.optional(), events: events.optional(), active: z.boolean().optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Nothing to change' })
  .openapi('UpdateWebhookRequest');

/** POST /api/webhooks/:id/replay */
export const replayBody = z
  .object({
    sessionId: sessionIdSchema,
    fromSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).openapi({ description: 'First seq sent again (events from it on, in order)' }),
  })
  .openapi('ReplayWebhookRequest');

/** GET /api/webhooks/:id/deliveries */
/** Listing webhooks; `sessionId`: only those that receive that session's events (its own and the global ones). */
export const listWebhooksQuery = pageQuery.extend({
  sessionId: sessionIdSchema.optional().openapi({ description: "Only webhooks that receive this session's events: the session's own and the global ones" }),
});

export const deliveriesQuery = pageQuery.extend({ status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional() });

const status = z.enum(WEBHOOK_DELIVERY_STATUSES);

/** A webhook (WebhookView): never its secret. */
export const webhookSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    sessionId: z.string().nullable(),
    events: z.array(z.string()),
    active: z.boolean(),
    secretHint: z.string().openapi({ description: 'Last 4 characters of the secret' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    stats: z.object({
      delivered: z.number().int(),
      failed: z.number().int(),
      pending: z.number().int(),
      lastDeliveryAt: z.string().nullable(),
      lastStatus: status.nullable(),
    }),
  })
  .openapi('Webhook');

/** A new webhook with its secret, shown this once (CreatedWebhookView). */
export const createdWebhookSchema = webhookSchema.extend({ secret: z.string() }).openapi('CreatedWebhook');

/** `{ secret }` of a rotation. */
export const secretSchema = z.object({ secret: z.string() }).openapi('WebhookSecret');

/** One delivery (WebhookDeliveryView). */
export const deliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    event: z.string(),
    sessionId: z.string(),
    seq: z.number().int(),
    status,
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    latencyMs: z.number().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
  })
  .openapi('WebhookDelivery');
