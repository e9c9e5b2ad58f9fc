/**
 * REST contract between the gateway and its browser clients (the console and inbox), as plain
 * types. The gateway's zod schemas and presenters produce these shapes (a type test in the
 * gateway keeps them in step); the renderer imports them from `@switchboard/shared`.
 * Lists are `{ data, total, page, limit }`; times are ISO strings unless the name ends in `At`
 * and the comment says "ms". The team's tools (canned replies, labels, notes, the team board)
 * are in teamTools.ts; the dashboard and the health reports in health.ts.
 */
import type { GroupEvent } from '../domain/groupEvents.ts';
import type { MessageStatus, SessionStatus } from '../domain/messages.ts';
import type { Permission, UserLocale } from '../domain/permissions.ts';
import type { DisconnectCause, MessageMediaView, MessageView } from '../protocol/events.ts';
import type { ChatOptOutView } from './teamTools.ts';

/**
 * Origin of the desktop app's console pages (`APP_ORIGIN` in desktop's ipcContract): the
 * gateway allows it for REST CORS and Socket.IO besides CORS_ORIGINS.
 */
export const DESKTOP_APP_ORIGIN = 'switchboard-app://console';

/** A page of a list. */
export interface ListPage<T> {
  data: T[];
  total: number;
  page: number;
  limit: number;
}

/** A CASL rule as the client receives it (`ability.rules` of the caller, placeholders expanded). */
export interface ClientRule {
  action: string | string[];
  subject: string | string[];
  conditions?: Record<string, unknown>;
  fields?: string | string[];
  inverted?: boolean;
}

/** A user as the API returns it. */
export interface UserView {
  id: string;
  name: string;
  email: string;
  role: { id: string; name: string | null };
  locale: UserLocale;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/auth/me`: the signed-in user and what they may do. */
export interface MeView extends UserView {
  /** The caller's CASL rules, for hiding what the user may not do (the gateway still enforces them). */
  rules: ClientRule[];
}

/** Answer of login and change-password. */
export interface TokenView {
  token: string;
  user: UserView;
}

/** A role. */
export interface RoleView {
  id: string;
  name: string;
  builtIn: boolean;
  description: string;
  permissions: Permission[];
  createdAt: string;
  updatedAt: string;
}

/** A session as lists return it. */
export interface SessionView {
  sessionId: string;
  name: string;
  status: SessionStatus;
  active: boolean;
  me: { id: string; lid: string | null; name: string | null } | null;
  problematicSince: string | null;
  createdAt: string;
  updatedAt: string;
  /** Summary figures for lists (absent on older gateways). */
  summary?: SessionSummary;
  /**
   * Last event seq recorded for the session (may lag slightly behind): a client without a
   * replay baseline for the session uses it as `auth.lastSeq`, so a reconnect misses nothing.
   */
  eventSeq?: number;
}

/** Figures a session list shows beside each session. */
export interface SessionSummary {
  lastActivityAt: string | null;
  lastConnectedAt: string | null;
  lastDisconnectCause: DisconnectCause | null;
  messagesReceived: number;
  messagesSent: number;
  restarts: number;
  pid: number | null;
}

/** `GET /api/sessions/:id/details`. */
export interface SessionDetailsView extends SessionView {
  pid: number | null;
  process: {
    startedAt: number | null;
    restarts: number;
    lastHeartbeatAt: number | null;
    rssBytes: number | null;
    heapUsedBytes: number | null;
    eventLoopLagMs: number | null;
    lastError: string | null;
    lastDisconnectCause: DisconnectCause | null;
    /** Outgoing messages accepted and not yet handed to WhatsApp (last count; null before one). */
    outboxDepth: number | null;
  } | null;
  metrics: {
    messagesSent: number;
    messagesReceived: number;
    chatCount: number;
    lastActivityAt: string | null;
    connectionAttempts: number;
    errorCount: number;
    lastError: string | null;
    lastDisconnectCause: DisconnectCause | null;
    lastConnectedAt: string | null;
  };
  health: { healthy: boolean; issues: string[]; lastCheckAt: string | null };
  restarts: { at: string; reason: string; exitCode: number | null }[];
}

/** `GET /api/sessions/:id/qr`. */
export interface QrView {
  qr: string | null;
  status: SessionStatus;
  image?: string;
}

/**
 * What one timeline entry says happened to a session. `kind` is the classification people read:
 * connected; logged_out (on the phone); replaced (another client took over); network (connection
 * lost or closed, WhatsApp unavailable); restart_required (WhatsApp asked for a reconnect);
 * crash (the actor process died and was restarted); recycle (restarted on purpose: memory
 * budget, deaf socket, missed heartbeats); stopped (by an operator); unlinked (stopped because
 * nobody linked it in time: the link timeout); node_stopped (the server shut down; the session
 * resumes when it starts); problematic (too many restarts); qr (waiting for a scan); other.
 */
export const TIMELINE_KINDS = [
  'connected',
  'logged_out',
  'replaced',
  'network',
  'restart_required',
  'crash',
  'recycle',
  'stopped',
  'unlinked',
  'node_stopped',
  'problematic',
  'qr',
  'other',
] as const;
/** One of TIMELINE_KINDS. */
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One entry of `GET /api/sessions/:id/timeline` (newest first). */
export interface TimelineEntry {
  seq: number;
  /** ISO time. */
  at: string;
  kind: TimelineKind;
  status: SessionStatus | null;
  cause: DisconnectCause | null;
  statusCode: number | null;
  /** Human detail from the actor or supervisor (English, technical). */
  detail: string | null;
  /** For a disconnection followed by a reconnection: how long the session was down (ms). */
  downMs?: number;
  /** Messages that arrived for the session while it was down (delivered after reconnecting). */
  messagesDuringGap?: number;
}

/** A chat of one session (`GET /api/sessions/:id/chats`). */
export interface ChatView {
  id: string;
  sessionId: string;
  /** What to call the chat: the team's name for the contact when it has one, else WhatsApp's. */
  name: string | null;
  /** The name the team gave the contact (`PUT …/name`), or null. */
  customName: string | null;
  isGroup: boolean;
  unreadCount: number;
  /** ms since epoch */
  lastMessageAt: number | null;
  lastMessagePreview: string | null;
  /**
   * When the last message is a change to a group (a `system` message): the change itself, so the
   * list can word it in the reader's language (`lastMessagePreview` is only `[system]`); else null.
   */
  lastMessageSystem: GroupEvent | null;
  archived: boolean;
  /** The session's account blocked the contact on WhatsApp: their messages do not arrive, and nothing can be sent. */
  blocked: boolean;
  /** The contact gets no messages sent to several conversations (`PUT …/opt-out`), or null. */
  optedOut: ChatOptOutView | null;
  profilePictureMediaId: string | null;
}

/** A chat as the inbox lists it across sessions (`GET /api/chats`). */
export interface InboxChatView extends ChatView {
  sessionName: string;
  /** Digits of the contact's number when known. */
  phone: string | null;
  /** The last customer message came after the last agent reply. */
  needsReply: boolean;
  /** ms since epoch of the last incoming / outgoing message. */
  lastInboundAt: number | null;
  lastOutboundAt: number | null;
  /** ms since epoch when an agent last marked the chat as needing no reply, null if never. */
  handledAt: number | null;
  /** ms since epoch when the caller pinned the chat to the top of their inbox, null when they did not. */
  pinnedAt: number | null;
  /** ms since epoch when the customer's current wait began (their first message since the last reply); null when the chat needs no reply. */
  waitingSince: number | null;
  /** ms since epoch until which the chat is put aside (snoozed), null when it is not. */
  snoozedUntil: number | null;
  /** ms since epoch when the earliest reply scheduled in the chat goes, null when none waits. */
  nextScheduledAt: number | null;
  /** A reply scheduled in the chat could not be sent: someone should look (retry or discard it). */
  scheduledFailed: boolean;
  lastMessageFromMe: boolean | null;
  assignees: { userId: string; name: string }[];
  /** Ids of the team's labels on the chat (`GET /api/labels` names them). */
  labels: string[];
}

/**
 * A message as the inbox receives it (REST and Socket.IO). MessageView itself now carries the
 * optional `media` (MessageMediaView, declared in protocol/events.ts beside it) and `statusReason`;
 * this name stays for the inbox's code.
 */
export type InboxMessageView = MessageView & {
  media?: MessageMediaView;
  statusReason?: string;
};

/** Answer of `POST /api/sessions/:id/messages`. */
export interface SendAccepted {
  messageId: string;
  status: MessageStatus;
  duplicate: boolean;
  chatId: string;
}

/** Answer of `POST /api/sessions/:id/messages/:messageId/forward`: one accepted send per chat. */
export interface ForwardResult {
  forwarded: SendAccepted[];
}

/** One hit of `GET /api/messages/search`: the message and its chat as the inbox lists it. */
export interface MessageSearchHit {
  message: InboxMessageView;
  chat: InboxChatView;
}

/** Answer of `POST /api/media/sign`: URLs that work without an Authorization header (img, video, audio). */
export interface SignedMediaUrls {
  /** Media id → `/api/media/:id?sig=…&exp=…&u=…` (append `/download` or `/thumbnail` to the path, same query). Ids the caller may not read are left out. */
  urls: Record<string, string>;
  /** ms since epoch after which the URLs stop working. */
  expiresAt: number;
}

/** An assignment. */
export interface AssignmentView {
  id: string;
  sessionId: string;
  chatId: string;
  userId: string;
  assignedBy: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An audit entry. */
export interface AuditEntryView {
  id: string;
  userId: string | null;
  /** Name and email of the acting user when known. */
  userName?: string | null;
  userEmail?: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  ip: string | null;
  userAgent: string | null;
  at: string;
}

/** Media metadata (`GET /api/media/:id/info`, lists, uploads). */
export interface MediaInfoView {
  id: string;
  sessionId: string;
  chatId: string | null;
  messageId: string | null;
  kind: string;
  mimeType: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  fileName: string | null;
  direction: 'in' | 'out';
  url: string;
  downloadUrl: string;
  thumbnailUrl: string | null;
  createdAt: string;
}
