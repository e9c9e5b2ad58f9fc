import { Schema, type Types } from 'mongoose';
import type { MessageMention } from '../../domain/messages.ts';
import { SCHEDULED_STATUSES, type ScheduledStatus } from '../../api/teamTools.ts';
import { defineModel } from './defineModel.ts';

/** Longest scheduled text (a WhatsApp message may be longer; a reply written in the inbox is not). */
export const SCHEDULED_TEXT_MAX = 4096;

/**
 * A reply written now and sent later (*Programar envío*): the text (and a file, if any), the
 * chat, the time and who wrote it. The gateway's dispatcher (automation/scheduledSends.ts) hands it to the session's
 * outbox at `sendAt` with the client key `scheduled:<_id>`, so it is sent exactly once whatever
 * node or restart tries; `sending` is the claim of one attempt (`claimedAt`), taken again when
 * it is older than a minute (the node died between the claim and the outbox).
 */
export interface ScheduledMessageDoc {
  _id: Types.ObjectId;
  sessionId: string;
  /** The chat's JID. */
  chatId: string;
  /** Never logged. With a file, its caption (possibly empty). */
  text: string;
  /** The file sent with it (stored in the media pool when it was scheduled), or null. */
  file?: { mediaId: Types.ObjectId; kind: string; fileName: string | null; mimeType: string; size: number } | null;
  /** The message it answers (WhatsApp's key id), sent as a quoted reply; null for none. */
  quotedId?: string | null;
  /** Whom the text mentions (`@digits` in it, named), sent as WhatsApp mentions; absent when nobody. */
  mentions?: MessageMention[];
  sendAt: Date;
  status: ScheduledStatus;
  authorId: Types.ObjectId;
  /** The author's name when it was written (kept if the user is renamed or deleted). */
  authorName: string;
  /** The current attempt's claim (status `sending`). */
  claimedAt?: Date | null;
  /** Attempts that failed for a passing reason (the database, a node shutting down). */
  attempts: number;
  /** The outbox message once handed over (status `sent`). */
  messageId?: string | null;
  sentAt?: Date | null;
  /** Why it was not sent (status `failed`): a stable code. */
  error?: string | null;
  /** The message to several conversations it belongs to (one id for all of them), or null. */
  batchId?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const scheduledMessageSchema = new Schema<ScheduledMessageDoc>(
  {
    sessionId: { type: String, required: true },
    chatId: { type: String, required: true },
    text: { type: String, default: '', maxlength: SCHEDULED_TEXT_MAX },
    file: {
      type: new Schema(
        { mediaId: { type: Schema.Types.ObjectId, ref: 'Media', required: true }, kind: { type: String, required: true }, fileName: { type: String, default: null }, mimeType: { type: String, required: true }, size: { type: Number, required: true } },
        { _id: false },
      ),
      default: null,
    },
    quotedId: { type: String, default: null, maxlength: 128 },
    mentions: {
      type: [new Schema({ user: { type: String, required: true }, jid: { type: String, required: true }, name: { type: String, default: null }, isAccount: Boolean }, { _id: false })],
      default: undefined,
    },
    sendAt: { type: Date, required: true },
    status: { type: String, enum: SCHEDULED_STATUSES, required: true, default: 'scheduled' },
    authorId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    authorName: { type: String, required: true },
    claimedAt: { type: Date, default: null },
    attempts: { type: Number, default: 0 },
    messageId: { type: String, default: null },
    sentAt: { type: Date, default: null },
    error: { type: String, default: null },
    batchId: { type: String, default: null },
  },
  { timestamps: true },
);
// What is due, earliest first (the dispatcher's poll).
scheduledMessageSchema.index({ status: 1, sendAt: 1 });
// A chat's scheduled replies.
scheduledMessageSchema.index({ sessionId: 1, chatId: 1, sendAt: 1 });

/** Scheduled replies collection (`scheduledmessages`). */
export const ScheduledMessage = defineModel<ScheduledMessageDoc>('ScheduledMessage', scheduledMessageSchema);
