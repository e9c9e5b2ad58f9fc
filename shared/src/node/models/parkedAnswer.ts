import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * A vote, an answer to an event or an event's change that arrived before the message it names
 * (a poll whose delivery WhatsApp retried, say): kept by the session's actor until that message
 * is stored, then applied (session-actor messages/parkedAnswers.ts). Old ones are forgotten.
 */
export interface ParkedAnswerDoc {
  _id: Types.ObjectId;
  sessionId: string;
  /** The id of the message it answers or changes. */
  targetId: string;
  /** Its own message id (one entry per answer). */
  messageId: string;
  /** Its WhatsApp key, BufferJSON-encoded (with the alternative ids Baileys adds). Never log. */
  key: string;
  /** Its content (`proto.Message`, encoded): sealed, but never log. */
  message: Buffer;
  messageTimestamp: number;
  parkedAt: Date;
}

const parkedAnswerSchema = new Schema<ParkedAnswerDoc>({
  sessionId: { type: String, required: true },
  targetId: { type: String, required: true },
  messageId: { type: String, required: true },
  key: { type: String, required: true },
  message: { type: Buffer, required: true },
  messageTimestamp: { type: Number, required: true },
  parkedAt: { type: Date, required: true },
});
parkedAnswerSchema.index({ sessionId: 1, targetId: 1 });
parkedAnswerSchema.index({ sessionId: 1, messageId: 1 }, { unique: true });

/** Answers waiting for their message (`parkedanswers`). */
export const ParkedAnswer = defineModel<ParkedAnswerDoc>('ParkedAnswer', parkedAnswerSchema);
