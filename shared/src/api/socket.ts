/**
 * Socket.IO contract between the gateway and its clients (console, integrators). Pure types and
 * constants: the browser imports this file through `@switchboard/shared`.
 *
 * Every event derived from a session actor carries the session's `seq` (a per-session sequence
 * number assigned by the hub). A client remembers the highest seq it saw per session and sends
 * that map as `auth.lastSeq` when it reconnects; the server first replays what was missed, then
 * goes live, in order and without duplicates.
 */
import type { MessageStatus, SessionStatus } from '../domain/messages.ts';
import type { DisconnectCause, MemberReceiptStatus, MessageStar, MessageView } from '../protocol/events.ts';
import type { ChatLabelsView, ChatOptOutChange, ChatOptOutView, ChatNameView, ChatNoteView, ChatPinChange, ChatScheduledView, ChatSnoozeView, ScheduledMessageView } from './teamTools.ts';

/** Position of a hub event: which session, its per-session sequence number, when it happened. */
export interface EventPosition {
  sessionId: string;
  seq: number;
  /** ms since epoch */
  at: number;
}

/** What a client passes in `io(url, { auth })`. */
export interface SocketAuth {
  /** The same JWT the REST API takes (without the `Bearer ` prefix). */
  token: string;
  /** Highest seq already received, per session: the server replays everything after it. */
  lastSeq?: Record<string, number>;
}

/** Stable error codes of the realtime layer (handshake errors, acks, `error` events). */
export const SOCKET_ERROR_CODES = [
  'auth_required', // no token in the handshake
  'invalid_token', // bad signature, expired or revoked
  'token_expired', // the token expired (also sent to a live socket before it is closed)
  'token_revoked', // logout or password change revoked the token, or the user was deactivated
  'password_change_required', // the user must change the password over REST first
  'invalid_api_key', // an `sk_…` token that is no API key
  'api_key_revoked', // the API key was revoked (also sent to its open sockets before they are closed)
  'api_key_expired', // the API key expired
  'api_key_disabled', // the key's creator was deactivated or lost permissions the key grants
  'forbidden', // the user may not see that session or chat
  'bad_request', // malformed subscribe/unsubscribe payload
  'replay_truncated', // more missed events than the replay limit: reload state over REST
  'internal_error',
] as const;
export type SocketErrorCode = (typeof SOCKET_ERROR_CODES)[number];

/** Payload of a handshake failure (`connect_error` → `err.data`) and of failed acks. */
export interface SocketError {
  code: SocketErrorCode;
  message: string;
}

/** Answer to `subscribe` / `unsubscribe`. */
export type SubscriptionAck = { ok: true; rooms: string[] } | { ok: false; error: SocketError };

/** A subscription target: a whole session, or one chat of it. */
export interface SubscriptionTarget {
  sessionId: string;
  /** Chat JID; absent means the whole session. */
  chatId?: string;
}

/** `qr`: the session waits for a scan; `qr` is the raw string to render as a QR code. */
export interface QrEvent extends EventPosition {
  qr: string;
}

/** `pairing-code`: the code to type on the phone (alternative to the QR). */
export interface PairingCodeEvent extends EventPosition {
  code: string;
}

/** `connection-state`: every status change of a session, with the disconnect cause. */
export interface ConnectionStateEvent extends EventPosition {
  status: SessionStatus;
  cause?: DisconnectCause;
  statusCode?: number;
  message?: string;
  me?: { id: string; lid?: string; name?: string };
}

/** `connected` (seed's event): emitted with every connection-state, true only while open. */
export interface ConnectedEvent extends EventPosition {
  connected: boolean;
  status: SessionStatus;
  me?: { id: string; lid?: string; name?: string };
}

/** `message` (incoming) and `message-sent` (outgoing, accepted by WhatsApp). */
export interface MessageEvent extends EventPosition {
  message: MessageView;
  /** Relative URL of the media bytes (`/api/media/:id`) when the message has media. */
  mediaUrl?: string;
}

/** `message-status`: delivery progress of one message (only moves forward). */
export interface MessageStatusEvent extends EventPosition {
  messageId: string;
  chatId: string;
  status: MessageStatus;
  reason?: string;
}

/** `member-receipt`: a group member's phone said delivered or read for a message we sent to the group (at `at`). */
export interface MemberReceiptEvent extends EventPosition {
  messageId: string;
  chatId: string;
  member: string;
  status: MemberReceiptStatus;
}

/** `chat-update`: a chat's name, unread count, last activity or needs-reply times changed. */
export interface ChatUpdateEvent extends EventPosition {
  chatId: string;
  name?: string;
  unreadCount?: number;
  lastMessageAt?: number;
  /** ms of the last incoming / outgoing message: `needsReply()` of domain/inbox.ts reads them. */
  lastInboundAt?: number;
  lastOutboundAt?: number;
  /** ms when an agent marked the chat as needing no reply (`POST …/handled`); needsReply() reads it too. */
  handledAt?: number;
  /** The account blocked (true) or unblocked (false) the contact on WhatsApp (`PUT …/blocked`, or on the phone). */
  blocked?: boolean;
  /** The customer just wrote "BAJA" (or similar): they get no more messages sent to several conversations. */
  optedOut?: ChatOptOutView;
}

/** `presence`: a contact is typing, recording, online… */
export interface PresenceEvent extends EventPosition {
  chatId: string;
  participant: string;
  state: string;
  lastSeen?: number;
}

/**
 * `session-health`: periodic snapshot of a session's actor. Volatile: no seq, never replayed
 * (it describes the present, not something that happened).
 */
export interface SessionHealthEvent {
  sessionId: string;
  at: number;
  status: SessionStatus;
  pid: number | null;
  restarts: number;
  lastHeartbeatAt: number | null;
  rssBytes: number | null;
  eventLoopLagMs: number | null;
  lastError: string | null;
  lastDisconnectCause: DisconnectCause | null;
  /** Outgoing messages accepted and not yet handed to WhatsApp (last count; null before one). */
  outboxDepth: number | null;
}

/** `user-status` (seed's event): a console user came online or went offline. Volatile. */
export interface UserStatusEvent {
  userId: string;
  name?: string;
  online: boolean;
  at: number;
}

/** `replay-done`: the replay requested by `auth.lastSeq` is over; live events follow. */
export interface ReplayDoneEvent {
  /** Highest seq delivered per replayed session (live events flushed before this one included). */
  lastSeq: Record<string, number>;
  /** Sessions whose gap was larger than the replay limit (reload them over REST). */
  truncated: string[];
}

/**
 * `access-changed`: the user's permissions or assignments changed and the socket's rooms were
 * updated (e.g. a chat was unassigned: drop it from the inbox). Volatile.
 */
export interface AccessChangedEvent {
  rooms: string[];
}

/** `message-star`: a message of a chat the socket may read was marked *Destacado* (`starred`) or no longer (null). Volatile (the thread reloads on reconnect). */
export interface MessageStarEvent {
  sessionId: string;
  chatId: string;
  id: string;
  starred: MessageStar | null;
}

/** `chat-note-deleted`: an internal note was deleted. Volatile (the inbox reloads notes on reconnect). */
export interface ChatNoteDeletedEvent {
  sessionId: string;
  chatId: string;
  id: string;
}

/** What another agent is doing in a chat: has it open, is writing in it, or left it. */
export type AgentActivityState = 'viewing' | 'typing' | 'left';

/** An agent's activity in a chat, as the console reports it (`agent-activity`, both ways). */
export interface AgentActivityReport {
  sessionId: string;
  chatId: string;
  state: AgentActivityState;
}

/** Another agent's activity in a chat the socket may read (never the socket's own). */
export interface AgentActivityEvent extends AgentActivityReport {
  user: { id: string; name: string };
  /** Server time (ms) of the report; a console forgets it after a while without a new one. */
  at: number;
}

/** Server → client events. */
/** `chat-assignees`: everyone assigned to a chat now. */
export interface ChatAssigneesEvent {
  sessionId: string;
  chatId: string;
  assignees: { userId: string; name: string }[];
}

export interface ServerToClientEvents {
  qr: (e: QrEvent) => void;
  'pairing-code': (e: PairingCodeEvent) => void;
  'connection-state': (e: ConnectionStateEvent) => void;
  connected: (e: ConnectedEvent) => void;
  message: (e: MessageEvent) => void;
  'message-sent': (e: MessageEvent) => void;
  'message-status': (e: MessageStatusEvent) => void;
  'member-receipt': (e: MemberReceiptEvent) => void;
  'chat-update': (e: ChatUpdateEvent) => void;
  presence: (e: PresenceEvent) => void;
  'session-health': (e: SessionHealthEvent) => void;
  'user-status': (e: UserStatusEvent) => void;
  'replay-done': (e: ReplayDoneEvent) => void;
  'access-changed': (e: AccessChangedEvent) => void;
  /** Who is assigned to a chat changed (to sockets that read every chat and assignment of the session). Volatile (the list is reloaded on reconnect). */
  'chat-assignees': (e: ChatAssigneesEvent) => void;
  /** An internal note was added to a chat the socket may read. Volatile (reloaded on reconnect). */
  'chat-note': (e: ChatNoteView) => void;
  'chat-note-deleted': (e: ChatNoteDeletedEvent) => void;
  'message-star': (e: MessageStarEvent) => void;
  /** The labels of a chat the socket may read changed. Volatile (the list is reloaded on reconnect). */
  'chat-labels': (e: ChatLabelsView) => void;
  /** A chat the socket may read was snoozed until a time, or woken. Volatile (the list is reloaded on reconnect). */
  'chat-snooze': (e: ChatSnoozeView) => void;
  /** The user pinned a chat to the top of their inbox, or unpinned it, from this or another device. Volatile (the list is reloaded on reconnect). */
  'chat-pin': (e: ChatPinChange) => void;
  /** The team named the contact of a chat the socket may read (or went back to WhatsApp's name). Volatile (the list is reloaded on reconnect). */
  'chat-name': (e: ChatNameView) => void;
  /** The team left the contact of a chat the socket may read out of messages to several conversations, or took them back in (a customer's own «BAJA» comes as `chat-update`). Volatile (the list is reloaded on reconnect). */
  'chat-opt-out': (e: ChatOptOutChange) => void;
  /** A reply of a chat the socket may read was scheduled, sent, cancelled or not sent. Volatile (the list is reloaded on reconnect). */
  'scheduled-message': (e: ScheduledMessageView) => void;
  /** When a chat's earliest scheduled reply goes changed (the list shows it). Volatile (the list is reloaded on reconnect). */
  'chat-scheduled': (e: ChatScheduledView) => void;
  /** The team's labels were created, renamed, recoloured or deleted: load them again. Volatile. */
  'labels-changed': (e: { at: number }) => void;
  /** Another agent opened, is writing in, or left a chat the socket may read. Volatile. */
  'agent-activity': (e: AgentActivityEvent) => void;
  /** Sent right before the server closes the socket on its own (e.g. token expiry). */
  'auth-error': (e: SocketError) => void;
}

/** Client → server events. */
export interface ClientToServerEvents {
  /** Join a session (all chats the user may see) or one chat. */
  subscribe: (target: SubscriptionTarget, ack: (res: SubscriptionAck) => void) => void;
  /** Leave a session (and its chats) or one chat. */
  unsubscribe: (target: SubscriptionTarget, ack: (res: SubscriptionAck) => void) => void;
  /**
   * "I have this chat open / am writing in it / left it": relayed to the others who may read the
   * chat, so two agents do not answer the same customer. No ack; dropped when not allowed.
   */
  'agent-activity': (report: AgentActivityReport) => void;
}

/** Names of the server → client events that carry a seq (replayable). */
export const SEQUENCED_SOCKET_EVENTS = [
  'qr',
  'pairing-code',
  'connection-state',
  'connected',
  'message',
  'message-sent',
  'message-status',
  'member-receipt',
  'chat-update',
  'presence',
] as const satisfies readonly (keyof ServerToClientEvents)[];
