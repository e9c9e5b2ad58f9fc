import { createHash } from 'node:crypto';
import { Schema, Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/** States of a webhook delivery. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
/** A webhook delivery's state. */
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One event sent (or being sent) to one webhook: stored as `pending` before the first attempt,
 * then `delivered` (a 2xx) or `failed` (retries given up). `_id` is derived from (webhookId,
 * eventId) (webhookDeliveryId), so the dispatcher finds or inserts it by primary key and an
 * event is never queued twice. `body` is the exact JSON sent (every attempt signs it afresh).
 */
export interface WebhookDeliveryDoc {
  _id: Types.ObjectId;
  webhookId: Types.ObjectId;
  sessionId: string;
  seq: number;
  /** `<sessionId>:<seq>:<event>`; the receiver dedupes on it (`X-Switchboard-Delivery`). */
  eventId: string;
  /** Socket.IO event name (`message`, `message-status`, …) or `ping`. */
  event: string;
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  latencyMs: number | null;
  /** When it (last) became pending: retries stop this long after it (the maximum age). */
  queuedAt: Date;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const webhookDeliverySchema = new Schema<WebhookDeliveryDoc>(
  {
    webhookId: { type: Schema.Types.ObjectId, required: true },
    sessionId: { type: String, required: true },
    seq: { type: Number, required: true },
    eventId: { type: String, required: true },
    event: { type: String, required: true },
    body: { type: String, required: true },
    status: { type: String, enum: WEBHOOK_DELIVERY_STATUSES, required: true, default: 'pending' },
    attempts: { type: Number, default: 0 },
    lastStatusCode: { type: Number, default: null },
    lastError: { type: String, default: null },
    latencyMs: { type: Number, default: null },
    queuedAt: { type: Date, default: () => new Date() },
    nextAttemptAt: { type: Date, default: null },
    lastAttemptAt: { type: Date, default: null },
    deliveredAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'webhookdeliveries' },
);
// The delivery log of a webhook, newest first (optionally by status); counts per status.
webhookDeliverySchema.index({ webhookId: 1, createdAt: -1 });
webhookDeliverySchema.index({ webhookId: 1, status: 1, createdAt: -1 });
// Last attempt of each webhook (list stats); replay resets a lane's deliveries from a seq.
webhookDeliverySchema.index({ webhookId: 1, lastAttemptAt: -1 });
webhookDeliverySchema.index({ webhookId: 1, sessionId: 1, seq: 1 });
// Queue depth (pending) and the retention clean-up of finished deliveries.
webhookDeliverySchema.index({ status: 1, updatedAt: 1 });

/** Webhook deliveries collection (`webhookdeliveries`). */
export const WebhookDelivery = defineModel<WebhookDeliveryDoc>('WebhookDelivery', webhookDeliverySchema);

/** The `_id` of a webhook's delivery of an event: the first 12 bytes of sha256("<webhookId>|<eventId>"). */
export function webhookDeliveryId(webhookId: string | Types.ObjectId, eventId: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`${webhookId.toString()}|${eventId}`).digest().subarray(0, 12));
}
