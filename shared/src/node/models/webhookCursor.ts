import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * How far a webhook has got in one session's event log: `seq` is the last SessionEvent seq
 * handled (delivered, given up on, or not subscribed). `_id` is `"<webhookId>|<sessionId>"`
 * (webhookCursorId) so the dispatcher reads and moves it by primary key.
 */
export interface WebhookCursorDoc {
  _id: string;
  webhookId: Types.ObjectId;
  sessionId: string;
  seq: number;
  updatedAt: Date;
}

const webhookCursorSchema = new Schema<WebhookCursorDoc>(
  {
    _id: { type: String, required: true },
    webhookId: { type: Schema.Types.ObjectId, required: true },
    sessionId: { type: String, required: true },
    seq: { type: Number, required: true, default: 0 },
  },
  { timestamps: { createdAt: false, updatedAt: true }, collection: 'webhookcursors' },
);
// Deleting a webhook removes its cursors.
webhookCursorSchema.index({ webhookId: 1 });

/** Webhook cursors collection (`webhookcursors`). */
export const WebhookCursor = defineModel<WebhookCursorDoc>('WebhookCursor', webhookCursorSchema);

/** `_id` of the cursor of a webhook in a session. */
export const webhookCursorId = (webhookId: string | Types.ObjectId, sessionId: string): string => `${webhookId.toString()}|${sessionId}`;
