/** REST views of the integration routes: API keys and webhooks (issue 15). */
import type { Permission } from '../domain/permissions.ts';

/** State of an API key: revoked wins over expired. */
export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** An API key as listed (`GET /api/api-keys`, `DELETE /api/api-keys/:id`); never the key nor its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** Display form of the key's start, e.g. `sk_AbC12345…`. */
  prefix: string;
  permissions: Permission[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  /** The creator (the key acts as them); null when the account was deleted. */
  createdBy: { id: string; name: string } | null;
  status: ApiKeyStatus;
}

/** `POST /api/api-keys`: the new key with the secret itself, shown this once. */
export interface CreatedApiKeyView extends ApiKeyView {
  key: string;
}

/** Delivery state of a webhook delivery. */
export type WebhookDeliveryStatusView = 'pending' | 'delivered' | 'failed';

/** A webhook (`GET /api/webhooks`, …). The secret is never listed: `secretHint` is its last 4 characters. */
export interface WebhookView {
  id: string;
  name: string;
  url: string;
  /** The session whose events are sent; null: every session. */
  sessionId: string | null;
  /** Socket.IO event names sent; empty: all but `qr` and `pairing-code`. */
  events: string[];
  active: boolean;
  secretHint: string;
  createdAt: string;
  updatedAt: string;
  stats: {
    delivered: number;
    failed: number;
    pending: number;
    /** Time of the latest attempt of any delivery; null before the first. */
    lastDeliveryAt: string | null;
    lastStatus: WebhookDeliveryStatusView | null;
  };
}

/** `POST /api/webhooks`: the new webhook with its secret, shown this once. */
export interface CreatedWebhookView extends WebhookView {
  secret: string;
}

/** One event sent to a webhook (`GET /api/webhooks/:id/deliveries`). */
export interface WebhookDeliveryView {
  id: string;
  /** `<sessionId>:<seq>:<event>`, also the `X-Switchboard-Delivery` header (receivers dedupe on it). */
  eventId: string;
  event: string;
  sessionId: string;
  seq: number;
  status: WebhookDeliveryStatusView;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  latencyMs: number | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}
