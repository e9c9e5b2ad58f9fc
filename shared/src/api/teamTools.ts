/**
 * REST views of the team's tools around the inbox: canned replies, labels, internal notes and
 * the team board (part of the same contract as rest.ts; the gateway's type test covers both).
 */
import type { MessageMention } from '../domain/messages.ts';
import type { LabelColor } from '../domain/labels.ts';

/** A saved reply an agent inserts with `/` in the composer. */
export interface CannedReplyView {
  id: string;
  shortcut: string;
  text: string;
  /** True when shared with everyone (made by a supervisor); false for the user's own. */
  shared: boolean;
  ownerId: string | null;
  /** A file sent with the reply (a price list, a catalogue photo), or null. */
  file: CannedFileView | null;
  createdAt: string;
  updatedAt: string;
}

/** The file of a canned reply (`PUT /api/canned-replies/:id/file`; bytes at `GET …/file`). */
export interface CannedFileView {
  fileName: string;
  mimeType: string;
  size: number;
}

/** One person of the team board (`GET /api/agents`); who is online comes over Socket.IO (`user-status`). */
export interface AgentView {
  id: string;
  name: string;
  role: string | null;
  /** Chats assigned to them (the assignments the caller may read). */
  assigned: number;
  /** Of those, chats whose customer waits for a reply. */
  waiting: number;
  /** ms since epoch when the longest of those waits began; null when none waits. */
  waitingSince: number | null;
}

/** A label the team puts on chats (`/api/labels`). */
export interface LabelView {
  id: string;
  name: string;
  color: LabelColor;
}

/** Answer of `PUT /api/sessions/:sessionId/chats/:chatId/labels` (and socket `chat-labels`). */
export interface ChatLabelsView {
  sessionId: string;
  chatId: string;
  labels: string[];
}

/** The team named a contact, or went back to WhatsApp's name (`PUT …/name`; socket `chat-name`). */
export interface ChatNameView {
  sessionId: string;
  chatId: string;
  /** What to call the chat now (the team's name, else WhatsApp's). */
  name: string | null;
  /** The team's name; null: WhatsApp's name is used. */
  customName: string | null;
}

/** A chat put aside until a time, or back (`PUT …/snooze`; socket `chat-snooze`). */
export interface ChatSnoozeView {
  sessionId: string;
  chatId: string;
  /** ms since epoch; null: not snoozed (woken). */
  snoozedUntil: number | null;
}

/** A chat pinned to the top of one person's inbox, or unpinned (socket `chat-pin`, to that person's sockets only). */
export interface ChatPinChange {
  sessionId: string;
  chatId: string;
  /** ms since epoch; null: unpinned. */
  pinnedAt: number | null;
}

/** A chat pinned to the top of the caller's inbox (`PUT …/pin`). */
export interface ChatPinView {
  sessionId: string;
  chatId: string;
  /** ms since epoch. */
  pinnedAt: number;
}

/** An internal note on a chat (`/api/sessions/:sessionId/chats/:chatId/notes`; socket `chat-note`). */
export interface ChatNoteView {
  id: string;
  sessionId: string;
  chatId: string;
  author: { id: string; name: string };
  text: string;
  /** Colleagues the note mentions (`@Nombre` in the text); each is notified. */
  mentions: { id: string; name: string }[];
  createdAt: string;
}

/** When a chat's earliest scheduled reply goes, or null when none waits (socket `chat-scheduled`). */
export interface ChatScheduledView {
  sessionId: string;
  chatId: string;
  nextScheduledAt: number | null;
  /** A reply scheduled in it could not be sent (until it is retried or discarded). */
  scheduledFailed: boolean;
}

/** Where a scheduled reply is: waiting for its time, being handed to the session, handed over, not sent (why in `error`), or cancelled. */
export const SCHEDULED_STATUSES = ['scheduled', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type ScheduledStatus = (typeof SCHEDULED_STATUSES)[number];

/**
 * A reply written now and sent later (`/api/sessions/:sessionId/chats/:chatId/scheduled`;
 * socket `scheduled-message` on every change).
 */
export interface ScheduledMessageView {
  id: string;
  sessionId: string;
  chatId: string;
  /** The text (with a file: its caption, possibly empty). */
  text: string;
  /** The file that goes with it, or null for a text reply. */
  file: ScheduledFileView | null;
  /** The message it answers (sent as a quoted reply), or null. */
  quotedId: string | null;
  /** Whom the text mentions: written `@digits` in it, shown by name, sent as WhatsApp mentions. */
  mentions: MessageMention[];
  /** When it is sent (ms since epoch). */
  sendAt: number;
  status: ScheduledStatus;
  author: { id: string; name: string };
  /** The sent message (status `sent`). */
  messageId: string | null;
  /** Why it was not sent (status `failed`): `author_cannot_send`, `session_not_found`, `send_failed`. */
  error: string | null;
  /** The message to several conversations it is part of (`/api/sessions/:sessionId/broadcasts`), or null. */
  batchId: string | null;
  createdAt: string;
}

/** Why a contact gets no messages sent to several conversations (`PUT …/opt-out`; `ChatView.optedOut`). */
export interface ChatOptOutView {
  /** ms since epoch. */
  at: number;
  /** True when the customer asked (wrote `word`, e.g. "BAJA"); false when the team decided. */
  byCustomer: boolean;
  /** What the customer wrote, or null. */
  word: string | null;
}

/**
 * A message to several conversations, summed up (`GET /api/broadcasts`): who sent it and when,
 * the words of its first send, and where its sends are, counting only the conversations the
 * caller may read.
 */
export interface BroadcastSummaryView {
  batchId: string;
  sessionId: string;
  author: { id: string; name: string };
  createdAt: string;
  /** The words of its first send (each conversation's are filled in for its customer). */
  sample: string;
  /** The file each send carries (with the words as its caption), or null. */
  file: { kind: string; fileName: string | null } | null;
  total: number;
  sent: number;
  /** Scheduled or being handed over. */
  waiting: number;
  failed: number;
  cancelled: number;
  /** ms: when its first and last sends go (or went). */
  firstAt: number;
  lastAt: number;
}

/** A chat's contact was left out of (or taken back into) messages to several conversations by the team (socket `chat-opt-out`). */
export interface ChatOptOutChange {
  sessionId: string;
  chatId: string;
  /** Why they get none now, or null: they get them. */
  optedOut: ChatOptOutView | null;
}

/**
 * One message to several conversations of a session (`POST /api/sessions/:sessionId/broadcasts`):
 * a scheduled reply per chat, paced, under one `batchId`.
 */
export interface BroadcastView {
  batchId: string;
  /** The scheduled replies made (or, read again, those of the batch the caller may read), earliest first. */
  data: ScheduledMessageView[];
  /** The chats left out, and why (a stable code and words). */
  refused: { chatId: string; code: string; message: string }[];
}

/** The file of a scheduled reply: stored when it was scheduled, sent at its time. */
export interface ScheduledFileView {
  mediaId: string;
  kind: string;
  fileName: string | null;
  mimeType: string;
  size: number;
}

/** A colleague who may read a chat, to mention in its notes (`GET …/chats/:chatId/people`). */
export interface ChatPersonView {
  id: string;
  name: string;
}

/** `GET/PUT /api/sessions/:sessionId/auto-assign`: a session's automatic distribution of new conversations. */
export interface AutoAssignView {
  sessionId: string;
  enabled: boolean;
  /** The people who take turns (active users), in the order listed. */
  userIds: string[];
  /** Only to those of them with the console open; while none is, new chats wait unassigned. */
  onlineOnly: boolean;
}

/** A session's opening hours and away reply (`/api/sessions/:id/business-hours`). */
export interface BusinessHoursView {
  sessionId: string;
  enabled: boolean;
  /** IANA time zone; null when never set. */
  timeZone: string | null;
  /** Seven days, Monday first, each a list of `{from, to}` (`HH:MM`); null when never set. */
  week: { from: string; to: string }[][] | null;
  awayMessage: string;
  /** The greeting a customer who starts a conversation gets once (opening hours or not). */
  greetingEnabled: boolean;
  greetingMessage: string;
  /** Decline every WhatsApp call to the session while it rings (Switchboard takes no calls). */
  rejectCalls: boolean;
  /** Sent to whoever called, once per declined call (empty: nothing is sent). */
  callMessage: string;
}
