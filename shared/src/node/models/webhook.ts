import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * An HTTP endpoint that receives a session's events (or every session's when `sessionId` is
 * null), signed with `secret`. The secret is stored because signing needs it; the API shows it
 * only once (on create and rotate). Delivery state lives in `webhookcursors` (per session: last
 * seq handled) and `webhookdeliveries` (one document per event sent). See docs/webhooks.md.
 */
export interface WebhookDoc {
  _id: Types.ObjectId;
  name: string;
  url: string;
  /** The session whose events are sent; null: every session. */
  sessionId: string | null;
  /** Socket.IO event names to send; empty: all of them except `qr` and `pairing-code`. */
  events: string[];
  /** False: paused, events wait (the cursor does not move) until it is active again. */
  active: boolean;
  /** HMAC-SHA256 key of the `X-Switchboard-Signature` header: never logged, never listed. */
  secret: string;
  createdBy: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

const webhookSchema = new Schema<WebhookDoc>(
  {
    name: { type: String, required: true, maxlength: 100 },
    url: { type: String, required: true, maxlength: 2048 },
    sessionId: { type: String, default: null },
    events: { type: [String], default: [] },
    active: { type: Boolean, default: true },
    secret: { type: String, required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true, collection: 'webhooks' },
);
// The dispatcher's sweep (active ones) and the list scoped by session.
webhookSchema.index({ active: 1 });
webhookSchema.index({ sessionId: 1, createdAt: 1 });

/** Webhooks collection (`webhooks`). */
export const Webhook = defineModel<WebhookDoc>('Webhook', webhookSchema);
