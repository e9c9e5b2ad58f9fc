import type { GroupEvent } from '../../domain/groupEvents.ts';
import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/** One conversation (individual or group) of a session. */
export interface ChatDoc {
  _id: Types.ObjectId;
  sessionId: string;
  /** Normalized chat JID (…@s.whatsapp.net, …@g.us or …@lid when no phone number is known). */
  jid: string;
  lid?: string | null;
  pnJid?: string | null;
  name?: string | null;
  /**
   * The name the team gave the contact (*Datos del contacto*): shown instead of `name`, which the
   * actor keeps in step with WhatsApp (push name, address book, group subject). Set by the
   * gateway, never by the actor.
   */
  customName?: string | null;
  isGroup: boolean;
  unreadCount: number;
  lastMessageAt?: Date | null;
  /** Short preview of the last message; a message body, so never logged. */
  lastMessagePreview?: string | null;
  /** The change to a group when the last message is one (written with the preview), else null. */
  lastMessageSystem?: GroupEvent | null;
  /** Time of the last incoming / outgoing message (set by the actor in its chat write). */
  lastInboundAt?: Date | null;
  lastOutboundAt?: Date | null;
  /** When an agent last marked the chat as needing no reply (what came in before is handled). */
  handledAt?: Date | null;
  /**
   * Put aside until then ("Posponer"): out of the inbox's lists and badges meanwhile; an incoming
   * message ends it (the actor clears it in its chat write). Null or absent: not snoozed.
   */
  snoozedUntil?: Date | null;
  /** When the earliest reply scheduled in it goes (*Programar envío*); set by the gateway, never by the actor. */
  nextScheduledAt?: Date | null;
  /** A reply scheduled in it could not be sent (and was not discarded); set by the gateway. */
  scheduledFailed?: boolean;
  /**
   * `needsReply(lastInboundAt, lastOutboundAt, handledAt)` (shared domain/inbox.ts), stored by the
   * actor in the same write so lists can filter on it (FerretDB cannot compare two fields in a query).
   */
  needsReply?: boolean;
  /**
   * When the customer's current wait began: their first message after the team's last reply (or
   * after the chat was marked as needing none). `$min` on each incoming message, unset by a reply
   * and by "needs no reply"; absent on chats older than the field (lists fall back to
   * `lastInboundAt`).
   */
  waitingSince?: Date | null;
  archived: boolean;
  /**
   * The session's account blocked the contact on WhatsApp (from Switchboard or the phone), as the
   * actor last learnt it; absent on chats never blocked.
   */
  blocked?: boolean;
  /**
   * The customer gets no messages sent to several conversations at once: they asked (`by` null,
   * `word` what they wrote: "BAJA"), set by the actor, or the team said so (`by` the user's id).
   * Absent or null: they get them.
   */
  optedOut?: { at: Date; by: string | null; word: string | null } | null;
  /** Ids of the team's labels on this chat (Label); set by the gateway, never by the actor. */
  labels?: Types.ObjectId[];
  profilePicture?: { mediaId?: Types.ObjectId | null; url?: string | null; fetchedAt?: Date | null } | null;
  createdAt: Date;
  updatedAt: Date;
}

const chatSchema = new Schema<ChatDoc>(
  {
    sessionId: { type: String, required: true },
    jid: { type: String, required: true },
    lid: { type: String, default: null },
    pnJid: { type: String, default: null },
    name: { type: String, default: null },
    customName: { type: String, default: null },
    isGroup: { type: Boolean, default: false },
    unreadCount: { type: Number, default: 0 },
    lastMessageAt: { type: Date, default: null },
    lastMessagePreview: { type: String, default: null },
    lastMessageSystem: { type: Schema.Types.Mixed, default: null },
    lastInboundAt: { type: Date, default: null },
    lastOutboundAt: { type: Date, default: null },
    handledAt: { type: Date, default: null },
    snoozedUntil: { type: Date, default: null },
    nextScheduledAt: { type: Date, default: null },
    scheduledFailed: { type: Boolean, default: false },
    needsReply: { type: Boolean, default: false },
    waitingSince: { type: Date },
    archived: { type: Boolean, default: false },
    blocked: { type: Boolean },
    optedOut: { type: new Schema({ at: { type: Date, required: true }, by: { type: String, default: null }, word: { type: String, default: null } }, { _id: false }), default: undefined },
    labels: { type: [{ type: Schema.Types.ObjectId, ref: 'Label' }], default: undefined },
    profilePicture: {
      mediaId: { type: Schema.Types.ObjectId, ref: 'Media', default: null },
      url: { type: String, default: null },
      fetchedAt: { type: Date, default: null },
    },
  },
  { timestamps: true },
);
chatSchema.index({ sessionId: 1, jid: 1 }, { unique: true });
chatSchema.index({ sessionId: 1, lastMessageAt: -1 });
chatSchema.index({ sessionId: 1, lid: 1 });
// The inbox across sessions (GET /api/chats): latest activity first, optionally only chats awaiting a reply.
chatSchema.index({ lastMessageAt: -1, _id: -1 });
chatSchema.index({ needsReply: 1, lastMessageAt: -1, _id: -1 });
// The inbox's longest-wait-first order (`GET /api/chats?sort=waiting`).
chatSchema.index({ needsReply: 1, waitingSince: 1, lastInboundAt: 1, _id: 1 });

/** Chats collection (`chats`). */
export const Chat = defineModel<ChatDoc>('Chat', chatSchema);
