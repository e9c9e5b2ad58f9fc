import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/** Longest internal note. */
export const NOTE_TEXT_MAX = 4096;

/**
 * An internal note on a chat: written by an agent for the team (who asked for what, what is
 * pending), never sent to WhatsApp. Whoever may read the chat reads its notes; whoever may
 * write in it adds notes; the author, or whoever may delete the chat's messages, deletes one.
 */
export interface ChatNoteDoc {
  _id: Types.ObjectId;
  sessionId: string;
  /** The chat's JID. */
  chatId: string;
  authorId: Types.ObjectId;
  /** The author's name when the note was written (kept if the user is renamed or deleted). */
  authorName: string;
  /** The note's body: never logged. */
  text: string;
  /** Colleagues the note mentions (`@Nombre`), each told at once; their names as written then. */
  mentions?: { userId: Types.ObjectId; name: string }[];
  createdAt: Date;
  updatedAt: Date;
}

const chatNoteSchema = new Schema<ChatNoteDoc>(
  {
    sessionId: { type: String, required: true },
    chatId: { type: String, required: true },
    authorId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    authorName: { type: String, required: true },
    text: { type: String, required: true, maxlength: NOTE_TEXT_MAX },
    mentions: { type: [{ _id: false, userId: { type: Schema.Types.ObjectId, ref: 'User' }, name: String }], default: undefined },
  },
  { timestamps: true },
);
// A chat's notes, oldest first.
chatNoteSchema.index({ sessionId: 1, chatId: 1, createdAt: 1 });

/** Internal notes collection (`chatnotes`). */
export const ChatNote = defineModel<ChatNoteDoc>('ChatNote', chatNoteSchema);
