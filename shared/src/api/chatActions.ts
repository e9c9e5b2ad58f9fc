/**
 * Answers of what an agent does in an open chat (mark read, unread, needs no reply) and to one
 * of our messages (edit, delete for everyone). Beside rest.ts, which holds the API's views.
 */
import type { InboxMessageView } from './rest.ts';

/** Answer of `POST /api/sessions/:id/chats/:chatId/read`. */
export interface MarkReadResult {
  ok: true;
  /** False when the session's actor could not send read receipts (the unread count was reset anyway). */
  sentReceipts: boolean;
}

/** Answer of `POST /api/sessions/:sessionId/chats/:chatId/unread`. */
export interface MarkUnreadResult {
  ok: true;
  /** The chat's unread count now (at least 1). */
  unreadCount: number;
}

/** Answer of editing or deleting for everyone one of our messages (when it was done, ms). */
export interface MessageChangeResult {
  ok: true;
  at: number;
}

/** Answer of `POST /api/sessions/:sessionId/chats/:chatId/handled`. */
export interface MarkHandledResult {
  ok: true;
  /** ms since epoch: the chat needs a reply again when a message newer than this comes in. */
  handledAt: number;
}

/** Answer of `PUT /api/sessions/:sessionId/chats/:chatId/blocked` (body `{blocked}`). */
export interface BlockContactResult {
  ok: true;
  /** Whether the contact is blocked on WhatsApp for the session's account now. */
  blocked: boolean;
}

/** Answer of `GET /api/sessions/:sessionId/numbers/:phone`: may a conversation start with it? */
export interface NumberCheckResult {
  /** The number as checked: digits only, international format. */
  phone: string;
  onWhatsApp: boolean;
  /** The chat id to write to (WhatsApp's own for the number); null when it has no WhatsApp. */
  jid: string | null;
}

/** Answer of `POST /api/sessions/:sessionId/chats`: a conversation the caller may now write to. */
export interface StartedChat {
  /** The number as checked: digits only, international format. */
  phone: string;
  /** The chat id to write to (WhatsApp's own for the number). */
  jid: string;
  /** Whether the caller is now among the chat's assignees (always, for a caller who may not read it otherwise). */
  assigned: boolean;
  /** Whether the session already had a conversation with the number. */
  existed: boolean;
}

/** Another session's chat with the same customer (`ChatProfileView.elsewhere`). */
export interface ChatElsewhereView {
  sessionId: string;
  sessionName: string;
  chatId: string;
  lastMessageAt: number | null;
  needsReply: boolean;
}

/** `GET /api/sessions/:sessionId/chats/:chatId/profile`: what the team knows of a customer. */
export interface ChatProfileView {
  sessionId: string;
  chatId: string;
  /** What to call the contact: the team's name, else WhatsApp's. */
  name: string | null;
  /** The name the team gave the contact (`PUT …/name`), or null. */
  customName: string | null;
  /** The name WhatsApp gives (push name, address book, group subject), or null. */
  whatsappName: string | null;
  /** Digits of the contact's number (…@s.whatsapp.net chats, or a LID chat whose number is known), else null. */
  phone: string | null;
  isGroup: boolean;
  /** When the session first heard of the chat (ms). */
  since: number;
  /** Messages stored for the chat, both ways (reactions included). */
  messages: number;
  /** The latest files of the chat, newest first (at most 12; deleted ones left out). */
  files: InboxMessageView[];
  /** The same customer's chats in other sessions the caller may read, latest activity first. */
  elsewhere: ChatElsewhereView[];
}
