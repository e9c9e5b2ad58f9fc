/**
 * The inbox's state and the one reducer that merges everything into it: pages loaded over REST,
 * live Socket.IO events and the same events replayed after a reconnect. Every action is
 * idempotent and order-tolerant (messages are upserted by id, statuses only move forward, chat
 * summaries keep the newest facts), so a replay that overlaps what REST returned can never
 * duplicate a message, lose one, or move a chat back in time.
 */
import { callPreviewKind, DELETED_PREVIEW, previewAuthor, previewWords, type InboxChatView, type InboxMessageView, type MessageStatus } from '@switchboard/shared';
import { chatKey, parseChatKey, phoneFromJid, roomsAllow } from './keys.ts';
import { needsReply, tick, waitAfter } from './needsReply.ts';
import { mergeStatus, withStatusTime } from './status.ts';

/** Messages of one chat, by id, and how far back they are loaded. */
export interface Thread {
  messages: ReadonlyMap<string, InboxMessageView>;
  /** The newest page was loaded over REST (before that, only live events are known). */
  loaded: boolean;
  /** No older messages exist on the server. */
  complete: boolean;
}

/** The inbox state. */
export interface InboxState {
  chats: ReadonlyMap<string, InboxChatView>;
  threads: ReadonlyMap<string, Thread>;
  /** Contact presence by chat key ("composing", "recording", …) with when it was reported. */
  presence: ReadonlyMap<string, { state: string; at: number }>;
  /** The chat open in the thread pane (its incoming messages do not count as unread). */
  openKey: string | null;
  /** Session names, to label chats that arrive by event. */
  sessionNames: ReadonlyMap<string, string>;
  /**
   * How many chats the list holds in all, loaded or not: the server's count at the last page,
   * plus chats that arrived by event, minus chats the user lost access to.
   */
  total: number;
}

/** Everything that changes the inbox. */
export type InboxAction =
  | { type: 'chats/loaded'; chats: InboxChatView[]; replace: boolean; total?: number }
  | { type: 'thread/loaded'; key: string; messages: InboxMessageView[]; complete: boolean }
  | { type: 'sessions/named'; names: Record<string, string> }
  | { type: 'event/message'; message: InboxMessageView }
  | { type: 'event/status'; sessionId: string; chatId: string; messageId: string; status: MessageStatus; reason?: string; at?: number }
  | { type: 'event/name'; sessionId: string; chatId: string; name: string | null; customName: string | null }
  | { type: 'event/chat'; sessionId: string; chatId: string; name?: string; unreadCount?: number; lastMessageAt?: number; handledAt?: number; blocked?: boolean; optedOut?: InboxChatView['optedOut'] }
  | { type: 'event/labels'; sessionId: string; chatId: string; labels: string[] }
  | { type: 'event/assignees'; sessionId: string; chatId: string; assignees: InboxChatView['assignees'] }
  /** A chat put aside until a time (null: woken). */
  | { type: 'event/snooze'; sessionId: string; chatId: string; snoozedUntil: number | null }
  /** When the chat's earliest scheduled reply goes (null: none waits). */
  | { type: 'event/scheduled'; sessionId: string; chatId: string; nextScheduledAt: number | null; scheduledFailed: boolean }
  | { type: 'event/presence'; sessionId: string; chatId: string; state: string; at: number }
  | { type: 'access/rooms'; rooms: string[] }
  | { type: 'chat/open'; key: string | null }
  /** A chat learnt of outside the list (a search hit): kept if the list does not know it yet. */
  | { type: 'chat/seen'; chat: InboxChatView }
  /** The chat no longer belongs to the list's view (assigned while *Sin asignar* shows, taken away from *Mías*); the open one stays. */
  | { type: 'chat/out-of-view'; key: string }
  /** A conversation the user just started (shown at once, with its assignees when it was assigned). */
  | { type: 'chat/started'; sessionId: string; chatId: string; assignees: InboxChatView['assignees'] }
  | { type: 'chat/read'; key: string }
  /** The user pinned the chat to the top of their list (null: unpinned). */
  | { type: 'chat/pinned'; key: string; pinnedAt: number | null }
  | { type: 'message/retrying'; key: string; messageId: string };

/** An empty inbox. */
export const EMPTY_INBOX: InboxState = { chats: new Map(), threads: new Map(), presence: new Map(), openKey: null, sessionNames: new Map(), total: 0 };

/** Short text shown in the chat list for a message; in a group a member's starts with who wrote it (as the server's). */
export function previewOf(m: InboxMessageView): string {
  if (m.revokedAt !== undefined) return DELETED_PREVIEW;
  const author = previewAuthor(m);
  return author ? `${author}: ${wordsOf(m)}`.slice(0, 200) : wordsOf(m);
}

function wordsOf(m: InboxMessageView): string {
  const words = previewWords(m);
  if (words) return words.slice(0, 200);
  if (m.kind === 'reaction' && m.reaction) return m.reaction.emoji;
  if (m.media?.fileName) return m.media.fileName;
  if (m.kind === 'call' && m.call) return `[${callPreviewKind(m.call)}]`;
  return `[${m.kind}]`;
}

/** What a message deleted for everyone no longer has. */
const REVOKED_FIELDS = ['text', 'caption', 'mediaId', 'media', 'mediaStatus', 'location', 'event', 'invite'] as const;

/**
 * Upserts a message into a thread: a known id keeps its furthest status and fills missing fields;
 * an edit (editedAt) replaces the words and a deletion (revokedAt) removes the content for good.
 */
function upsert(thread: Thread | undefined, m: InboxMessageView): Thread {
  const messages = new Map(thread?.messages ?? []);
  const prev = messages.get(m.id);
  if (!prev) messages.set(m.id, m);
  else {
    const merged: InboxMessageView = { ...prev, ...m, status: mergeStatus(prev.status, m.status) };
    const revokedAt = m.revokedAt ?? prev.revokedAt;
    if (revokedAt !== undefined) {
      // Deleted for everyone: nothing of it comes back, whatever copy arrives later.
      merged.revokedAt = revokedAt;
      for (const field of REVOKED_FIELDS) delete merged[field];
    } else if (prev.editedAt !== undefined && prev.editedAt > (m.editedAt ?? 0)) {
      // An older copy of an edited message does not undo the edit.
      merged.editedAt = prev.editedAt;
      if (prev.text !== undefined) merged.text = prev.text;
      if (prev.caption !== undefined) merged.caption = prev.caption;
    }
    // A poll's votes are the latest copy's: none there means every vote was taken back.
    if (m.kind === 'poll' && !m.pollVotes) delete merged.pollVotes;
    // A live copy names its sender by id only: the name a page gave stays.
    if (m.sentBy && !m.sentBy.name && prev.sentBy?.id === m.sentBy.id && prev.sentBy.name) merged.sentBy = prev.sentBy;
    // Incoming media downloaded late: the second announcement carries the file.
    if (merged.mediaId) delete merged.mediaStatus;
    if (merged.status !== 'failed') delete merged.statusReason;
    else if (!m.statusReason && prev.statusReason) merged.statusReason = prev.statusReason;
    messages.set(m.id, merged);
  }
  return { messages, loaded: thread?.loaded ?? false, complete: thread?.complete ?? false };
}

/** A chat summary for a chat first heard of through an event. */
function stubChat(state: InboxState, m: InboxMessageView): InboxChatView {
  // A group is named by its subject (a chat-update), never by a member's push name.
  return emptyChat(state, m.sessionId, m.chatId, m.fromMe || m.chatId.endsWith('@g.us') ? null : (m.pushName ?? null));
}

/** A chat summary with nothing known of it but its id (and maybe a name). */
function emptyChat(state: InboxState, sessionId: string, chatId: string, name: string | null): InboxChatView {
  return {
    id: chatId,
    sessionId,
    sessionName: state.sessionNames.get(sessionId) ?? sessionId,
    name,
    customName: null,
    phone: phoneFromJid(chatId),
    isGroup: chatId.endsWith('@g.us'),
    unreadCount: 0,
    lastMessageAt: null,
    lastMessagePreview: null,
    lastMessageSystem: null,
    archived: false,
    blocked: false,
    optedOut: null,
    profilePictureMediaId: null,
    needsReply: false,
    waitingSince: null,
    pinnedAt: null,
    lastInboundAt: null,
    lastOutboundAt: null,
    handledAt: null,
    snoozedUntil: null,
    nextScheduledAt: null,
    scheduledFailed: false,
    lastMessageFromMe: null,
    assignees: [],
    labels: [],
  };
}

/** The chat summary after a message (newest facts win; an older message changes only the reply clock). */
function withMessage(chat: InboxChatView, m: InboxMessageView, isNew: boolean, open: boolean): InboxChatView {
  // A reaction answers nothing; an away reply neither (and the list keeps the customer's message).
  if (m.kind === 'reaction' || m.automated) return chat;
  // A change to a group asks nothing of anyone: the list shows it, nothing else moves.
  if (m.kind === 'system') {
    return chat.lastMessageAt === null || m.timestamp >= chat.lastMessageAt ? { ...chat, lastMessageAt: m.timestamp, lastMessagePreview: previewOf(m), lastMessageSystem: m.system ?? null, lastMessageFromMe: m.fromMe } : chat;
  }
  const clock = tick({ lastInboundAt: chat.lastInboundAt, lastOutboundAt: chat.lastOutboundAt, handledAt: chat.handledAt }, m.timestamp, m.fromMe);
  const newest = chat.lastMessageAt === null || m.timestamp >= chat.lastMessageAt;
  const needs = needsReply(clock);
  return {
    ...chat,
    ...clock,
    needsReply: needs,
    waitingSince: waitAfter(chat.needsReply ? chat.waitingSince : null, needs, clock.lastInboundAt),
    ...(newest ? { lastMessageAt: m.timestamp, lastMessagePreview: previewOf(m), lastMessageSystem: null, lastMessageFromMe: m.fromMe } : {}),
    ...(!m.fromMe && !chat.name && !chat.isGroup && m.pushName ? { name: m.pushName } : {}),
    unreadCount: isNew && !m.fromMe && !open ? chat.unreadCount + 1 : chat.unreadCount,
    // The customer wrote: a chat put aside comes back (the actor clears it in the database too).
    ...(isNew && !m.fromMe ? { snoozedUntil: null } : {}),
  };
}

/** The reducer. */
export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'chats/loaded': {
      const chats = new Map(action.replace ? [] : state.chats);
      for (const c of action.chats) {
        const key = chatKey(c.sessionId, c.id);
        const prev = state.chats.get(key);
        // Live events may be newer than the page (it was read before they happened): keep them.
        chats.set(key, prev && (prev.lastMessageAt ?? 0) > (c.lastMessageAt ?? 0) ? { ...c, ...pickLive(prev) } : c);
      }
      // The open chat stays (its header, its actions) when a new filter or search leaves it out.
      const open = state.openKey ? state.chats.get(state.openKey) : undefined;
      if (open && state.openKey && !chats.has(state.openKey)) chats.set(state.openKey, open);
      return { ...state, chats, total: action.total ?? chats.size };
    }
    case 'thread/loaded': {
      let thread: Thread | undefined = state.threads.get(action.key);
      // Pages come newest first; keep arrival order (oldest first) for messages of the same second.
      for (const m of [...action.messages].reverse()) thread = upsert(thread, m);
      const threads = new Map(state.threads);
      threads.set(action.key, { messages: thread?.messages ?? new Map(), loaded: true, complete: action.complete || (thread?.complete ?? false) });
      return { ...state, threads };
    }
    case 'sessions/named':
      return { ...state, sessionNames: new Map([...state.sessionNames, ...Object.entries(action.names)]) };
    case 'event/message': {
      const m = action.message;
      const key = chatKey(m.sessionId, m.chatId);
      const thread = state.threads.get(key);
      const isNew = !thread?.messages.has(m.id);
      const threads = new Map(state.threads);
      // Kept even before the thread is loaded: a REST page read meanwhile may not include it.
      const next = upsert(thread, m);
      threads.set(key, next);
      const chats = new Map(state.chats);
      const known = state.chats.get(key);
      // The chat summary follows the message as merged (an edit or a deletion stays applied).
      chats.set(key, withMessage(known ?? stubChat(state, m), next.messages.get(m.id) ?? m, isNew, state.openKey === key));
      return { ...state, chats, threads, total: known ? state.total : state.total + 1 };
    }
    case 'event/status': {
      const key = chatKey(action.sessionId, action.chatId);
      const thread = state.threads.get(key);
      const prev = thread?.messages.get(action.messageId);
      if (!thread || !prev) return state;
      const status = mergeStatus(prev.status, action.status);
      if (status === prev.status && (status !== 'failed' || prev.statusReason === action.reason)) return state;
      const next: InboxMessageView = { ...prev, status };
      if (status === 'failed' && action.reason) next.statusReason = action.reason;
      const times = action.at !== undefined && prev.fromMe && status === action.status ? withStatusTime(prev.statusTimes, status, action.at) : prev.statusTimes;
      if (times) next.statusTimes = times;
      const messages = new Map(thread.messages);
      messages.set(action.messageId, next);
      const threads = new Map(state.threads);
      threads.set(key, { ...thread, messages });
      return { ...state, threads };
    }
    case 'event/chat': {
      const key = chatKey(action.sessionId, action.chatId);
      const chat = state.chats.get(key);
      if (!chat) return state;
      const chats = new Map(state.chats);
      // "Needs no reply" covers what came in up to then; a later message needs one again.
      const handledAt = action.handledAt !== undefined ? Math.max(action.handledAt, chat.handledAt ?? 0) : chat.handledAt;
      const needs = needsReply({ ...chat, handledAt });
      chats.set(key, {
        ...chat,
        // WhatsApp's name never replaces the one the team gave the contact.
        ...(action.name && !chat.customName ? { name: action.name } : {}),
        ...(action.unreadCount !== undefined ? { unreadCount: action.unreadCount } : {}),
        ...(action.lastMessageAt && action.lastMessageAt > (chat.lastMessageAt ?? 0) ? { lastMessageAt: action.lastMessageAt } : {}),
        ...(action.handledAt !== undefined ? { handledAt, needsReply: needs, waitingSince: waitAfter(chat.waitingSince, needs, chat.lastInboundAt) } : {}),
        ...(action.blocked !== undefined ? { blocked: action.blocked } : {}),
        ...(action.optedOut !== undefined ? { optedOut: action.optedOut } : {}),
      });
      return { ...state, chats };
    }
    case 'event/snooze':
      return patchChat(state, action.sessionId, action.chatId, { snoozedUntil: action.snoozedUntil });
    case 'event/scheduled':
      return patchChat(state, action.sessionId, action.chatId, { nextScheduledAt: action.nextScheduledAt, scheduledFailed: action.scheduledFailed });
    case 'event/name':
      return patchChat(state, action.sessionId, action.chatId, { name: action.name, customName: action.customName });
    case 'event/labels':
      return patchChat(state, action.sessionId, action.chatId, { labels: action.labels });
    case 'event/assignees':
      return patchChat(state, action.sessionId, action.chatId, { assignees: action.assignees });
    case 'event/presence': {
      const presence = new Map(state.presence);
      presence.set(chatKey(action.sessionId, action.chatId), { state: action.state, at: action.at });
      return { ...state, presence };
    }
    case 'access/rooms': {
      const chats = new Map([...state.chats].filter(([, c]) => roomsAllow(action.rooms, c.sessionId, c.id)));
      const threads = new Map([...state.threads].filter(([k]) => chats.has(k)));
      const openKey = state.openKey && chats.has(state.openKey) ? state.openKey : null;
      return { ...state, chats, threads, openKey, total: Math.max(0, state.total - (state.chats.size - chats.size)) };
    }
    case 'chat/open':
      return { ...state, openKey: action.key };
    case 'chat/out-of-view': {
      if (!state.chats.has(action.key) || state.openKey === action.key) return state;
      const chats = new Map(state.chats);
      chats.delete(action.key);
      return { ...state, chats, total: Math.max(0, state.total - 1) };
    }
    case 'chat/seen': {
      const key = chatKey(action.chat.sessionId, action.chat.id);
      if (state.chats.has(key)) return state;
      const chats = new Map(state.chats);
      chats.set(key, action.chat);
      return { ...state, chats, total: state.total + 1 };
    }
    case 'chat/started': {
      const key = chatKey(action.sessionId, action.chatId);
      const known = state.chats.get(key);
      const chats = new Map(state.chats);
      const assignees = [...(known?.assignees ?? []), ...action.assignees.filter((a) => !known?.assignees.some((k) => k.userId === a.userId))];
      chats.set(key, { ...(known ?? emptyChat(state, action.sessionId, action.chatId, null)), assignees });
      return { ...state, chats, total: known ? state.total : state.total + 1 };
    }
    case 'chat/pinned': {
      const { sessionId, chatId } = parseChatKey(action.key);
      return patchChat(state, sessionId, chatId, { pinnedAt: action.pinnedAt });
    }
    case 'chat/read': {
      const chat = state.chats.get(action.key);
      if (!chat || chat.unreadCount === 0) return state;
      const chats = new Map(state.chats);
      chats.set(action.key, { ...chat, unreadCount: 0 });
      return { ...state, chats };
    }
    case 'message/retrying': {
      const thread = state.threads.get(action.key);
      const prev = thread?.messages.get(action.messageId);
      if (!thread || !prev) return state;
      const messages = new Map(thread.messages);
      const { statusReason: _dropped, ...rest } = prev;
      messages.set(action.messageId, { ...rest, status: 'pending' });
      const threads = new Map(state.threads);
      threads.set(action.key, { ...thread, messages });
      return { ...state, threads };
    }
  }
}

/** The state with a known chat's summary changed (a chat the list does not have is left alone). */
function patchChat(state: InboxState, sessionId: string, chatId: string, patch: Partial<InboxChatView>): InboxState {
  const key = chatKey(sessionId, chatId);
  const chat = state.chats.get(key);
  if (!chat) return state;
  const chats = new Map(state.chats);
  chats.set(key, { ...chat, ...patch });
  return { ...state, chats };
}

/** The fields live events maintain on a chat summary. */
function pickLive(c: InboxChatView): Partial<InboxChatView> {
  return {
    lastMessageAt: c.lastMessageAt,
    lastMessagePreview: c.lastMessagePreview,
    lastMessageSystem: c.lastMessageSystem,
    lastMessageFromMe: c.lastMessageFromMe,
    lastInboundAt: c.lastInboundAt,
    lastOutboundAt: c.lastOutboundAt,
    handledAt: c.handledAt,
    snoozedUntil: c.snoozedUntil,
    nextScheduledAt: c.nextScheduledAt,
    scheduledFailed: c.scheduledFailed,
    needsReply: c.needsReply,
    waitingSince: c.waitingSince,
    unreadCount: c.unreadCount,
    optedOut: c.optedOut,
  };
}

/**
 * A thread's messages in display order (oldest first); reactions are folded into their targets.
 * WhatsApp times have one-second resolution: messages of the same second keep the order they
 * arrived in (the sort is stable).
 */
export function threadMessages(thread: Thread | undefined): InboxMessageView[] {
  if (!thread) return [];
  return [...thread.messages.values()].filter((m) => m.kind !== 'reaction').sort((a, b) => a.timestamp - b.timestamp);
}

/** The reactions a message has: every sender's latest emoji, and which one is ours. */
export interface TargetReactions {
  emojis: string[];
  /** Our own reaction (sent from here, another console or the phone), or null. */
  mine: string | null;
}

/** Reactions per target message id (latest emoji per sender; an empty emoji removes it). */
export function reactionsByTarget(thread: Thread | undefined): Map<string, TargetReactions> {
  const latest = new Map<string, Map<string, { emoji: string; at: number }>>();
  for (const m of thread?.messages.values() ?? []) {
    if (m.kind !== 'reaction' || !m.reaction) continue;
    const who = m.fromMe ? 'me' : (m.sender ?? m.chatId);
    const per = latest.get(m.reaction.targetId) ?? new Map<string, { emoji: string; at: number }>();
    const prev = per.get(who);
    if (!prev || prev.at <= m.timestamp) per.set(who, { emoji: m.reaction.emoji, at: m.timestamp });
    latest.set(m.reaction.targetId, per);
  }
  const out = new Map<string, TargetReactions>();
  for (const [target, per] of latest) {
    const emojis = [...per.values()].map((r) => r.emoji).filter(Boolean);
    if (emojis.length) out.set(target, { emojis, mine: per.get('me')?.emoji || null });
  }
  return out;
}
