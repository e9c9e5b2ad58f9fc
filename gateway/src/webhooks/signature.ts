/**
 * Signing of webhook requests (docs/webhooks.md): `X-Switchboard-Signature: v1=<hex>` where
 * hex is HMAC-SHA256(secret, "<timestamp>.<raw body>") and timestamp is the
 * `X-Switchboard-Timestamp` header (unix seconds). Receivers recompute it and reject old
 * timestamps, so a captured request cannot be replayed later.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of generated secrets. */
export const SECRET_PREFIX = 'whsec_';

/** A new webhook secret: `whsec_` and 32 random base64url characters (24 bytes). */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString('base64url')}`;
}

/** The signature header value of a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** True when `header` holds a valid v1 signature of the body (constant-time comparison). */
export function verifyWebhook(secret: string, timestamp: number, rawBody: string, header: string): boolean {
  const want = Buffer.from(signWebhook(secret, timestamp, rawBody));
  return header.split(',').some((part) => {
    const got = Buffer.from(part.trim());
    return got.length === want.length && timingSafeEqual(got, want);
  });
}

/** What identifies one request to a receiver. */
export interface WebhookRequestMeta {
  event: string;
  eventId: string;
  /** Unix seconds. */
  timestamp: number;
}

/** User-Agent of every webhook request. */
export const WEBHOOK_USER_AGENT = 'Switchboard-Webhooks/1';

/** The headers of a signed webhook request. */
export function webhookHeaders(secret: string, rawBody: string, meta: WebhookRequestMeta): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'User-Agent': WEBHOOK_USER_AGENT,
    'X-Switchboard-Event': meta.event,
    'X-Switchboard-Delivery': meta.eventId,
    'X-Switchboard-Timestamp': String(meta.timestamp),
    'X-Switchboard-Signature': signWebhook(secret, meta.timestamp, rawBody),
  };
}
