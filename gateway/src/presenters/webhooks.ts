import type { WebhookDeliveryView, WebhookView } from '@switchboard/shared';
import type { WebhookDeliveryDoc, WebhookDoc } from '@switchboard/shared/node';

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/** A webhook as the API returns it: the secret only as a hint (its last 4 characters). */
export function presentWebhook(w: WebhookDoc, stats: WebhookView['stats']): WebhookView {
  return {
    id: w._id.toString(),
    name: w.name,
    url: w.url,
    sessionId: w.sessionId ?? null,
    events: [...(w.events ?? [])],
    active: w.active,
    secretHint: w.secret.slice(-4),
    createdAt: new Date(w.createdAt).toISOString(),
    updatedAt: new Date(w.updatedAt).toISOString(),
    stats,
  };
}

/** A webhook delivery as the API returns it (never the body: it may hold message texts). */
export function presentDelivery(d: WebhookDeliveryDoc): WebhookDeliveryView {
  return {
    id: d._id.toString(),
    eventId: d.eventId,
    event: d.event,
    sessionId: d.sessionId,
    seq: d.seq,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode ?? null,
    lastError: d.lastError ?? null,
    latencyMs: d.latencyMs ?? null,
    createdAt: new Date(d.createdAt).toISOString(),
    deliveredAt: iso(d.deliveredAt),
    nextAttemptAt: iso(d.nextAttemptAt),
  };
}
