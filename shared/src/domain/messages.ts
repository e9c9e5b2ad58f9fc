/** Every WhatsApp message kind Switchboard stores and sends. */
export const MESSAGE_KINDS = [
  'text',
  'image',
  'video',
  'audio',
  'voice',
  'document',
  'sticker',
  'location',
  'reaction',
  'contact',
  'poll',
  // A WhatsApp event (a date in the chat, with a place or a call link): CalendarEvent.
  'event',
  // An invitation to join a WhatsApp group, sent by someone in it: MessageInvite.
  'invite',
  'unsupported',
  // A WhatsApp voice or video call from the contact (MessageCall), recorded once it ended.
  'call',
  // A change to a group, as WhatsApp shows it in the chat ("Carla añadió a Diego"): never a
  // message anyone wrote, so it answers nothing, asks for nothing and is never unread.
  'system',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * How a contact's call ended: nobody answered (`missed`: it timed out, or they hung up first),
 * answered on the account's phone (`answered`), declined on the phone (`declined`), or declined
 * by Switchboard (`rejected`: the session rejects calls).
 */
export const CALL_OUTCOMES = ['missed', 'answered', 'declined', 'rejected'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** A `call` message: a voice or video call from the contact, and how it ended. */
export interface MessageCall {
  video: boolean;
  outcome: CallOutcome;
}

/**
 * Whether a message leaves someone waiting as far as its call goes: every message but a call
 * answered on the phone (someone spoke with the customer) — which is never unread, starts no wait,
 * notifies nobody and triggers no automation.
 */
export function callWaits(call: MessageCall | null | undefined): boolean {
  return call?.outcome !== 'answered';
}

/** A `call` message in a chat-list preview (`[call_missed]`, `[videocall_answered]`…), which the inbox words. */
export function callPreviewKind(call: MessageCall): string {
  return `${call.video ? 'videocall' : 'call'}_${call.outcome}`;
}

/**
 * An `event` message's date and where it happens (its name is the message's `text`, its
 * description the `caption`): times in ms since the epoch; `endAt` when it has one; `place` when
 * it is somewhere, `link` when it is a call; `canceled` once its organiser cancelled it.
 */
export interface CalendarEvent {
  startAt: number;
  endAt?: number;
  place?: { name?: string; address?: string; latitude?: number; longitude?: number };
  link?: string;
  canceled?: true;
  /** Who answered the invitation to it in the chat, and how (their latest answer each). */
  responses?: EventResponse[];
}

/**
 * A change to an event this account sent: its name, description, date and place as they are to be
 * now (`edit`), or its cancellation (`cancel`: the rest stays as it was).
 */
export type EventChange =
  | { type: 'edit'; name: string; description?: string; startAt: number; endAt?: number; place?: CalendarEvent['place'] }
  | { type: 'cancel' };

/** How someone answered an event: *Asistiré*, *No asistiré*, *Quizá*. */
export const EVENT_ANSWERS = ['going', 'not_going', 'maybe'] as const;
export type EventAnswer = (typeof EVENT_ANSWERS)[number];

/** One person's answer to an event: who (their WhatsApp id), how, and how many guests they bring along. */
export interface EventResponse {
  responder: string;
  answer: EventAnswer;
  extraGuests?: number;
}

/**
 * An `invite` message: the group a member invites the contact to join (the invitation's words
 * are the message's `text`), and until when it can be accepted (ms since the epoch) when WhatsApp
 * says.
 */
export interface MessageInvite {
  groupId: string;
  groupName: string;
  expiresAt?: number;
  /** When the account joined the group by it from Switchboard (*Unirse al grupo*). */
  acceptedAt?: number;
}

/** How long after sending WhatsApp lets its author edit a message. */
export const MESSAGE_EDIT_WINDOW_MS = 15 * 60_000;
/** How long after sending WhatsApp lets its author delete a message for everyone (about two days). */
export const MESSAGE_REVOKE_WINDOW_MS = 48 * 3600_000;

/** Delivery status of a message, in the order it can only move forward (failed is terminal). */
export const MESSAGE_STATUSES = ['pending', 'sent', 'delivered', 'read', 'played', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The statuses whose time an outgoing message keeps (`sentAt`, … in storage), in the order reached. */
export const TIMED_STATUSES = ['sent', 'delivered', 'read', 'played'] as const;
export type TimedStatus = (typeof TIMED_STATUSES)[number];

/** `status` and the timed statuses before it (a receipt may skip one); none for pending or failed. */
export function timedUpTo(status: MessageStatus): TimedStatus[] {
  const i = TIMED_STATUSES.indexOf(status as TimedStatus);
  return i < 0 ? [] : TIMED_STATUSES.slice(0, i + 1);
}

/** The chat-list preview of a message deleted for everyone (consoles put it in words: `kind.deleted`). */
export const DELETED_PREVIEW = '[deleted]';

/** True once WhatsApp has the message (sent or further, never failed): it can be reacted to, edited or deleted. */
export function isOnWhatsApp(status: MessageStatus): boolean {
  return status === 'sent' || status === 'delivered' || status === 'read' || status === 'played';
}

/** Session lifecycle as seen by users and ops. */
export const SESSION_STATUSES = [
  'created', // record exists, actor not started yet
  'starting', // actor forked, waiting for ready / connecting
  'qr', // waiting for a QR scan or pairing code
  'connecting',
  'connected', // socket open
  'reconnecting', // transient close, actor retrying
  'logged_out', // 401: terminal, needs a new QR
  'replaced', // 440: terminal until an operator acts
  'problematic', // restart intensity exceeded; reset-attempts clears it
  'stopped', // stopped by an operator
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * Someone a message mentions. WhatsApp writes a mention as `@` and the user part of the person's
 * id (their number, or their LID in LID groups) in the text, and lists the ids beside it; the
 * inbox shows the name instead.
 */
export interface MessageMention {
  /** What follows `@` in the text (digits). */
  user: string;
  /** The person: their phone-number JID when known, else the id WhatsApp gave. */
  jid: string;
  /** Their name when the message was stored (their chat's, else their push name in the chat); null when unknown. */
  name: string | null;
  /** The session's own WhatsApp account. */
  isAccount?: true;
}

/**
 * A quoted message of another chat, kept with the reply that quotes it: WhatsApp's private reply
 * to a group message (from the group's member in their own chat, or ours to them) carries the
 * group and the quoted words, which the reply's chat does not otherwise have.
 */
export interface QuotedElsewhere {
  /** The chat the quoted message is in (a group). */
  chatId: string;
  /** Its author: their phone-number JID when known; null for ours. */
  sender: string | null;
  /** What the author calls themselves in the group (their push name there), when known. */
  senderName?: string | null;
  fromMe: boolean;
  kind: MessageKind;
  /** Its words (text or caption), null when it has none. */
  text: string | null;
}

/** A send request as accepted by the hub (media travels by stored media id, never as bytes). */
export interface OutgoingMessageInput {
  /** Phone number (digits) or a JID. */
  to: string;
  kind: MessageKind;
  text?: string;
  /** Id of a Media document already stored in GridFS. */
  mediaId?: string;
  caption?: string;
  fileName?: string;
  /** Message id (WhatsApp key id) this one quotes. */
  quotedId?: string;
  /** People the text or caption mentions (phone numbers or JIDs), written in it as `@` and their digits. */
  mentions?: string[];
  /** For reactions: the emoji and the reacted message id. */
  reaction?: { emoji: string; targetId: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  /** Client idempotency key: the same clientId for the same session is accepted once. */
  clientId?: string;
  /** A poll on which one may pick several options (else one). */
  pollMultiple?: boolean;
  /** An event's date and place (kind `event`: its name in `text`, its description in `caption`). */
  event?: Pick<CalendarEvent, 'startAt' | 'endAt' | 'place'>;
  /** User who asked for the send (for audit and per-employee views). */
  userId?: string;
  /**
   * Sent by Switchboard itself (the away reply), not by a person: it answers nobody (the chat
   * still waits for a reply) and reports leave it out. Never taken from API clients.
   */
  automated?: boolean;
  /**
   * A copy of another message of the session (POST …/messages/:messageId/forward): WhatsApp
   * shows it as *Reenviado*. Never taken from API send bodies.
   */
  forwarded?: boolean;
}
