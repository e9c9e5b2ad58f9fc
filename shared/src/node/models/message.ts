import { createHash } from 'node:crypto';
import { Schema, Types } from 'mongoose';
import { CALL_OUTCOMES, EVENT_ANSWERS, MESSAGE_KINDS, MESSAGE_STATUSES, type EventAnswer, type MessageCall, type MessageKind, type MessageMention, type MessageStatus, type QuotedElsewhere } from '../../domain/messages.ts';
import type { GroupEvent } from '../../domain/groupEvents.ts';
import { defineModel } from './defineModel.ts';

/** A geographic location attached to a message. */
export interface MessageLocation {
  latitude: number;
  longitude: number;
  name?: string | null;
  address?: string | null;
}

/** One person's vote in a poll: the options they picked (by name), and when. */
export interface PollVoteDoc {
  voter: string;
  options: string[];
  at: Date;
}

/** An `event` message's date and place (CalendarEvent, with dates). */
export interface CalendarEventDoc {
  startAt: Date;
  endAt?: Date;
  place?: { name?: string; address?: string; latitude?: number; longitude?: number };
  link?: string;
  canceled?: boolean;
  /** The answers to it, one entry per person (their latest). */
  responses?: EventResponseDoc[];
}

/** One person's answer to an event (EventResponse), and when they gave it. */
export interface EventResponseDoc {
  responder: string;
  answer: EventAnswer;
  extraGuests?: number;
  at: Date;
}

/**
 * An `invite` message's group, and what accepting it takes: the invitation's code and expiry
 * (WhatsApp's `groupInviteMessage`). The code lets its holder join the group: never presented.
 */
export interface MessageInviteDoc {
  groupId: string;
  groupName: string;
  code: string;
  expiresAt?: Date;
  /** When the account joined the group by it (from Switchboard). */
  acceptedAt?: Date;
}

/**
 * One WhatsApp message, incoming or outgoing. Outgoing ones start as `pending` (the outbox).
 * `_id` is derived from (sessionId, messageId) (see messageObjectId), so a lookup of one
 * message is a primary-key lookup on every server, including the embedded FerretDB, which
 * uses no other index.
 */
export interface MessageDoc {
  _id: Types.ObjectId;
  sessionId: string;
  /** Normalized chat JID. */
  chatId: string;
  /** WhatsApp message key id; unique per session. */
  messageId: string;
  fromMe: boolean;
  sender?: string | null;
  pushName?: string | null;
  kind: MessageKind;
  /** Message body: never logged. */
  text?: string | null;
  caption?: string | null;
  mediaId?: Types.ObjectId | null;
  /**
   * Incoming media not stored yet: `pending` while the actor retries the download (issue 14),
   * `failed` once it gave up. Null when the file is stored (or the message has none).
   */
  mediaStatus?: 'pending' | 'failed' | null;
  quotedId?: string | null;
  /** The quoted message when it is in another chat (a private reply to a group message); absent otherwise. */
  quotedFrom?: QuotedElsewhere;
  reaction?: { emoji: string; targetId: string } | null;
  location?: MessageLocation | null;
  /** When its author last edited it on WhatsApp (the text or caption is the edited one). */
  editedAt?: Date | null;
  /** When its author deleted it for everyone on WhatsApp (its text and caption are gone). */
  revokedAt?: Date | null;
  /** When a team member marked it *Destacado* (to find it again), and who; the contact never knows. */
  starredAt?: Date | null;
  starredBy?: Types.ObjectId | null;
  status: MessageStatus;
  statusReason?: string | null;
  timestamp: Date;
  /** Client idempotency key of an API send; uniqueness is enforced through `SendKey`. */
  clientId?: string | null;
  userId?: Types.ObjectId | null;
  /** Sent by Switchboard itself (the away reply): answers nobody (see OutgoingMessageInput.automated). */
  automated?: boolean;
  /** A forwarded message: a customer's that WhatsApp marked forwarded, or a copy we forwarded. */
  forwarded?: boolean;
  /** Who its text mentions (absent when nobody). */
  mentions?: MessageMention[];
  /** A `system` message: the change to the group it records. */
  system?: GroupEvent;
  /** A `call` message: voice or video, and how the call ended. */
  call?: MessageCall;
  /** An `event` message: when and where (absent otherwise). */
  event?: CalendarEventDoc;
  /** An `invite` message: the group and its invitation (absent otherwise). */
  invite?: MessageInviteDoc;
  /** Ours, to a group: how many members it went to (its ticks wait for that many receipts). */
  groupRecipients?: number;
  /** When it reached each status (ours: WhatsApp took it; the contact's phone delivered, read, played it). */
  sentAt?: Date;
  deliveredAt?: Date;
  readAt?: Date;
  playedAt?: Date;
  /** Send attempts made by actors (outbox retries). */
  attempts: number;
  /** Cluster mode: fencing token of the session's owner that last claimed or adopted this send (session-actor/src/outbox/claims.ts). */
  fence?: number;
  /**
   * Outgoing: the encoded `proto.Message` exactly as WhatsApp acked it (media keys and paths, no
   * media bytes), written with `status: 'sent'`, so a retry receipt after a restart can be
   * answered for every kind (issue 14). Key material: never presented, never logged.
   */
  sentProto?: Buffer | null;
  /**
   * A poll's or an event's `messageSecret` (32 bytes): the key its votes or answers are encrypted
   * with (answers.ts in the actor). Key material: never presented, never logged.
   */
  messageSecret?: Buffer;
  /** A poll's `messageSecret` as messages stored before 2026-12-07 keep it (read, never written). */
  pollSecret?: Buffer;
  /** Our poll on which one may pick several options (absent: one). */
  pollMultiple?: boolean;
  /** A poll's votes, one entry per voter (their latest; an empty `options` took the vote back). */
  pollVotes?: PollVoteDoc[];
  createdAt: Date;
  updatedAt: Date;
}

const messageSchema = new Schema<MessageDoc>(
  {
    sessionId: { type: String, required: true },
    chatId: { type: String, required: true },
    messageId: { type: String, required: true },
    fromMe: { type: Boolean, required: true },
    sender: { type: String, default: null },
    pushName: { type: String, default: null },
    kind: { type: String, enum: MESSAGE_KINDS, required: true },
    text: { type: String, default: null },
    caption: { type: String, default: null },
    mediaId: { type: Schema.Types.ObjectId, ref: 'Media', default: null },
    mediaStatus: { type: String, enum: ['pending', 'failed', null], default: null },
    quotedId: { type: String, default: null },
    reaction: { type: new Schema({ emoji: String, targetId: String }, { _id: false }), default: null },
    location: {
      type: new Schema({ latitude: Number, longitude: Number, name: String, address: String }, { _id: false }),
      default: null,
    },
    editedAt: { type: Date },
    revokedAt: { type: Date },
    starredAt: { type: Date },
    starredBy: { type: Schema.Types.ObjectId, ref: 'User' },
    status: { type: String, enum: MESSAGE_STATUSES, required: true },
    statusReason: { type: String, default: null },
    timestamp: { type: Date, required: true },
    clientId: { type: String, default: null },
    userId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    automated: { type: Boolean },
    forwarded: { type: Boolean },
    mentions: {
      type: [new Schema({ user: { type: String, required: true }, jid: { type: String, required: true }, name: { type: String, default: null }, isAccount: Boolean }, { _id: false })],
      default: undefined,
    },
    quotedFrom: {
      type: new Schema({ chatId: { type: String, required: true }, sender: { type: String, default: null }, senderName: { type: String }, fromMe: { type: Boolean, required: true }, kind: { type: String, enum: MESSAGE_KINDS, required: true }, text: { type: String, default: null } }, { _id: false }),
      default: undefined,
    },
    system: { type: new Schema({ action: { type: String, required: true }, by: { type: Schema.Types.Mixed, default: null }, who: { type: [Schema.Types.Mixed], default: undefined }, value: String }, { _id: false }), default: undefined },
    call: { type: new Schema({ video: { type: Boolean, required: true }, outcome: { type: String, enum: CALL_OUTCOMES, required: true } }, { _id: false }), default: undefined },
    event: {
      type: new Schema(
        {
          startAt: { type: Date, required: true },
          endAt: Date,
          place: { type: new Schema({ name: String, address: String, latitude: Number, longitude: Number }, { _id: false }), default: undefined },
          link: String,
          canceled: Boolean,
          responses: {
            type: [new Schema({ responder: { type: String, required: true }, answer: { type: String, enum: EVENT_ANSWERS, required: true }, extraGuests: Number, at: { type: Date, required: true } }, { _id: false })],
            default: undefined,
          },
        },
        { _id: false },
      ),
      default: undefined,
    },
    invite: {
      type: new Schema({ groupId: { type: String, required: true }, groupName: { type: String, required: true }, code: { type: String, required: true }, expiresAt: Date, acceptedAt: Date }, { _id: false }),
      default: undefined,
    },
    groupRecipients: { type: Number },
    sentAt: { type: Date },
    deliveredAt: { type: Date },
    readAt: { type: Date },
    playedAt: { type: Date },
    attempts: { type: Number, default: 0 },
    fence: { type: Number },
    // No `select: false`: Mongoose would then send a projection with findOneAndUpdate, which
    // FerretDB rejects. The presenter (toMessageView) lists its fields, so this never leaks.
    sentProto: { type: Buffer },
    messageSecret: { type: Buffer },
    pollSecret: { type: Buffer },
    pollMultiple: { type: Boolean },
    pollVotes: { type: [new Schema({ voter: { type: String, required: true }, options: { type: [String], default: [] }, at: { type: Date, required: true } }, { _id: false })], default: undefined },
  },
  { timestamps: true },
);
messageSchema.index({ sessionId: 1, messageId: 1 }, { unique: true });
messageSchema.pre('validate', function deriveId() {
  if (this.isNew && this.sessionId && this.messageId) this._id = messageObjectId(this.sessionId, this.messageId);
});
messageSchema.index({ sessionId: 1, chatId: 1, timestamp: -1 });
// Outbox: pending outgoing messages of a session, oldest first.
messageSchema.index({ sessionId: 1, status: 1, fromMe: 1, timestamp: 1 });

/** Messages collection (`messages`). */
export const Message = defineModel<MessageDoc>('Message', messageSchema);

/**
 * The `_id` of a session's message: the first 12 bytes of sha256("<sessionId>|<messageId>").
 * Use `Message.findById(messageObjectId(...))` (or `{ _id }` filters) for single messages.
 */
export function messageObjectId(sessionId: string, messageId: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`${sessionId}|${messageId}`).digest().subarray(0, 12));
}
