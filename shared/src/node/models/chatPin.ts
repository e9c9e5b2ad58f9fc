import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * A conversation one person pinned to the top of their own inbox ("Fijar arriba"): personal,
 * like a draft, so nobody else's list changes. At most MAX_PINNED_CHATS per person.
 */
export interface ChatPinDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  sessionId: string;
  /** The chat's JID. */
  chatId: string;
  pinnedAt: Date;
}

const chatPinSchema = new Schema<ChatPinDoc>({
  userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  sessionId: { type: String, required: true },
  chatId: { type: String, required: true },
  pinnedAt: { type: Date, required: true },
});
chatPinSchema.index({ userId: 1, sessionId: 1, chatId: 1 }, { unique: true });

/** Pins collection (`chatpins`). */
export const ChatPin = defineModel<ChatPinDoc>('ChatPin', chatPinSchema);
