import { Schema } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * One group member's receipts for a message we sent to a group ("Leído por" / "Entregado a" in
 * the message's info). WhatsApp reports them per member; the message's own status follows all
 * of them (delivered to every member, read by every member). `_id` is `sessionId|messageId|member`,
 * so a receipt is one idempotent upsert.
 */
export interface MessageReceiptDoc {
  _id: string;
  sessionId: string;
  chatId: string;
  messageId: string;
  /** The member's JID (phone number when known, else LID). */
  member: string;
  deliveredAt?: Date;
  readAt?: Date;
}

const messageReceiptSchema = new Schema<MessageReceiptDoc>({
  _id: { type: String, required: true },
  sessionId: { type: String, required: true },
  chatId: { type: String, required: true },
  messageId: { type: String, required: true },
  member: { type: String, required: true },
  deliveredAt: { type: Date },
  readAt: { type: Date },
});
messageReceiptSchema.index({ sessionId: 1, messageId: 1 });

/** The document id of `member`'s receipts for one message. */
export const messageReceiptId = (sessionId: string, messageId: string, member: string): string => `${sessionId}|${messageId}|${member}`;

/** Group members' receipts (`messagereceipts`). */
export const MessageReceipt = defineModel<MessageReceiptDoc>('MessageReceipt', messageReceiptSchema);
