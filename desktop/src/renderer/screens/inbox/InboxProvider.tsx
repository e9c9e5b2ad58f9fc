/**
 * The inbox's live state for the whole signed-in app: the chat list (with its filters and
 * paging), the threads opened, the offline outbox, the needs-reply count for the badge, and
 * notifications. REST pages, live events and replayed events all go through one reducer
 * (model/inboxReducer.ts), so nothing is shown twice or lost across reconnects.
 */
import type { InboxChatView, InboxMessageView, LabelView, MessageMention } from '@switchboard/shared';
import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { useAuth, useMe } from '../../auth/AuthProvider.tsx';
import { useRealtime, useSocketEvent } from '../../realtime/RealtimeProvider.tsx';
import { inboxApi, newClientId, type ChatFilters } from './inboxApi.ts';
import { afterReply, applyActivity, pruneAgents, type AgentsByChat } from './model/agentsHere.ts';
import { chatKey, chatKeyOfRoom, parseChatKey, roomsAllow } from './model/keys.ts';
import { EMPTY_INBOX, inboxReducer, type InboxAction, type InboxState } from './model/inboxReducer.ts';
import { useAssignedNotifier, useMentionNotifier, useNotifier } from './notify/useNotifier.ts';
import { loadPrefs, savePrefs, type NotifyPrefs } from './notify/prefs.ts';
import type { DraftChange, Drafts } from './model/drafts.ts';
import { initialFilters, rememberFilters } from './model/rememberedFilters.ts';
import { useDrafts, type DraftFiles, type DraftStore } from './useDrafts.ts';
import { useSnoozedChats } from './useSnoozedChats.ts';
import { useOutbox } from './outbox/useOutbox.ts';
import { useTeamLabels } from './labels/useTeamLabels.ts';
import { useNotificationReplies } from './notify/useNotificationReplies.ts';
import { messageActions, type MessageActions } from './messageActions.ts';
import type { NewEvent, NewPoll, OutboxItem, SharedContact, SharedLocation } from './outbox/types.ts';
import { pendingMessageOf } from './outbox/pendingMessage.ts';

const PAGE = 100;
const THREAD_PAGE = 50;

/** What `useInbox()` gives. */
export interface Inbox extends MessageActions {
  state: InboxState;
  dispatch(a: InboxAction): void;
  filters: ChatFilters;
  setFilters(f: Partial<ChatFilters>): void;
  list: { loading: boolean; error: unknown; total: number; hasMore: boolean; loadMore(): void; reload(): void };
  needsReplyCount: number;
  outbox: OutboxItem[];
  open(key: string | null): void;
  loadOlder(key: string): Promise<void>;
  threadError: unknown;
  send(key: string, reply: { text?: string; quotedId?: string; mentions?: MessageMention[]; file?: File; kind?: 'voice'; contact?: SharedContact; poll?: NewPoll; location?: SharedLocation; event?: NewEvent }): Promise<void>;
  retryOutbox(clientId: string): void;
  discardOutbox(clientId: string): void;
  retryMessage(m: InboxMessageView): Promise<void>;
  markRead(key: string): Promise<void>;
  /** Marks a chat unread for the team (to come back to it); every console sees it. */
  markUnread(key: string): Promise<void>;
  /** The customer's last words need no reply: out of needs-reply until they write again. */
  markHandled(key: string): Promise<void>;
  /** The team's labels by name, and each by id (empty for users who may not read them). */
  labels: LabelView[];
  labelsById: ReadonlyMap<string, LabelView>;
  reloadLabels(): void;
  /** Other agents who have each chat open (and whether they are writing), by chat key. */
  agentsByChat: AgentsByChat;
  /** Sets a chat's labels (shown at once; put back if the server refuses). */
  setChatLabels(key: string, labelIds: string[]): Promise<void>;
  prefs: NotifyPrefs;
  setPrefs(p: NotifyPrefs): void;
  /** The chats the user may read that are put aside until later (soonest to wake first is not guaranteed). */
  snoozedChats: InboxChatView[];
  /** Puts a chat aside until `until` (ms), or wakes it (null). */
  snooze(key: string, until: number | null): Promise<void>;
  /** Replies typed and not sent, by chat key (kept on this device). */
  drafts: Drafts;
  /** Records what the reply box of a chat holds, or the message it quotes (blank and no quote forgets it). */
  setDraft(key: string, change: DraftChange): void;
  /** Files picked for a reply and not sent, by chat key (kept while the app is open), and their setter. */
  draftFiles: DraftFiles;
  setDraftFiles: DraftStore['setFiles'];
  /** The chat that was open when the user lost access to it (the screen closes it and says why). */
  revoked: string | null;
  clearRevoked(): void;
}

const Ctx = createContext<Inbox | null>(null);

/** Provides the inbox (mount once, inside the realtime provider, for users who may read chats). */
export function InboxProvider({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const me = useMe();
  const rest = useMemo(() => inboxApi(auth.api), [auth.api]);
  const [state, dispatch] = useReducer(inboxReducer, EMPTY_INBOX);
  const stateRef = useRef(state);
  stateRef.current = state;
  const [filters, setFilterState] = useState<ChatFilters>(initialFilters);
  const [page, setPage] = useState(1);
  const [listLoading, setListLoading] = useState(true);
  const [listError, setListError] = useState<unknown>(undefined);
  const [listTick, setListTick] = useState(0);
  const [needsReplyCount, setNeedsReplyCount] = useState(0);
  const [threadError, setThreadError] = useState<unknown>(undefined);
  const [prefs, setPrefsState] = useState(() => loadPrefs(me.id));
  const [revoked, setRevoked] = useState<string | null>(null);
  const { drafts, setDraft, files: draftFiles, setFiles: setDraftFiles } = useDrafts(me.id);

  // Session names label chats that arrive by event.
  const { sessions, state: link } = useRealtime();
  useEffect(() => {
    if (sessions.length) dispatch({ type: 'sessions/named', names: Object.fromEntries(sessions.map((s) => [s.sessionId, s.name])) });
  }, [sessions]);

  // The chat list for the current filters (page 1 replaces, later pages append).
  useEffect(() => {
    const ctrl = new AbortController();
    setListLoading(true);
    rest.chats(filters, page, PAGE, ctrl.signal).then(
      (p) => {
        dispatch({ type: 'chats/loaded', chats: p.data, replace: page === 1, total: p.total });
        // Told only when the customer spoke last (not for a conversation the user just started).
        for (const c of p.data) if (gained.current.delete(chatKey(c.sessionId, c.id)) && c.lastMessageFromMe === false) notifyAssigned(c);
        setListError(undefined);
        setListLoading(false);
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setListError(err);
        setListLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [rest, filters, page, listTick]);

  const reloadList = useCallback(() => {
    setPage(1);
    setListTick((n) => n + 1);
  }, []);

  const { snoozedChats, snoozedRef, reloadSnoozed } = useSnoozedChats({ rest, state, stateRef, listTick, reloadList, prefs });

  /** Changes the filters (remembered on this device) and starts the list over. */
  const setFilters = useCallback((f: Partial<ChatFilters>) => {
    setFilterState((cur) => {
      const next = { ...cur, ...f };
      rememberFilters(next);
      return next;
    });
    setPage(1);
  }, []);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  // The team's labels; a remembered label filter whose label was deleted shows every chat again.
  const { labels, labelsById, reloadLabels } = useTeamLabels(rest, (l) => {
    const { label } = filtersRef.current;
    if (label && !l.some((x) => x.id === label)) setFilters({ label: '' });
  });

  // Back live after a disconnect: label changes (volatile events) may have been missed, and a
  // list that failed to load while the server was unreachable loads now.
  const listFailed = listError !== undefined;
  const wasLive = useRef(false);
  useEffect(() => {
    if (link !== 'live') return;
    if (listFailed || wasLive.current) reloadList();
    if (wasLive.current) reloadLabels();
    wasLive.current = true;
  }, [link]);

  // Needs-reply count of the user's own chats (the badge), refreshed after traffic.
  const countTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refreshCount = useCallback(() => {
    clearTimeout(countTimer.current);
    countTimer.current = setTimeout(() => void rest.needsReplyCount().then(setNeedsReplyCount, () => undefined), 600);
  }, [rest]);
  // First count once the list is on screen: the list is what the user waits for.
  const listShown = !listLoading || state.chats.size > 0;
  useEffect(() => {
    if (listShown) refreshCount();
    return () => clearTimeout(countTimer.current);
  }, [refreshCount, listShown]);
  useEffect(() => auth.platform.setBadge(needsReplyCount), [auth.platform, needsReplyCount]);

  const notify = useNotifier(prefs);
  // Chats just given to the user, told about once the list has them.
  const notifyAssigned = useAssignedNotifier(prefs);
  const notifyMention = useMentionNotifier(prefs, me.id);
  const gained = useRef(new Set<string>());
  // Who else has which chat open; agents not heard from for a while are forgotten.
  const [agentsByChat, setAgentsByChat] = useState<AgentsByChat>(new Map());
  useEffect(() => {
    const timer = setInterval(() => setAgentsByChat((cur) => pruneAgents(cur, Date.now())), 10_000);
    return () => clearInterval(timer);
  }, []);

  useSocketEvent('message', (e) => {
    const m = e.message as InboxMessageView;
    // The customer wrote in a chat put aside: it is back (the list, read again if it did not
    // have it, reads the snoozed ones too).
    if (!m.fromMe && snoozedRef.current.some((c) => c.sessionId === m.sessionId && c.id === m.chatId)) {
      if (stateRef.current.chats.has(chatKey(m.sessionId, m.chatId))) reloadSnoozed();
      else reloadList();
    }
    dispatch({ type: 'event/message', message: m });
    refreshCount();
    // An edit or a deletion of a message already announced is not news.
    if (!m.fromMe && m.editedAt === undefined && m.revokedAt === undefined) notify(stateRef.current, m);
  });
  useSocketEvent('message-sent', (e) => {
    dispatch({ type: 'event/message', message: e.message as InboxMessageView });
    // A colleague's reply went out: they are not writing it any more (same render as the reply).
    const by = e.message.sentBy;
    if (by && by.id !== me.id) setAgentsByChat((cur) => afterReply(cur, chatKey(e.message.sessionId, e.message.chatId), by.id));
    refreshCount();
  });
  useSocketEvent('message-status', (e) => dispatch({ type: 'event/status', sessionId: e.sessionId, chatId: e.chatId, messageId: e.messageId, status: e.status, at: e.at, ...(e.reason ? { reason: e.reason } : {}) }));
  useSocketEvent('chat-update', (e) => {
    dispatch({ type: 'event/chat', sessionId: e.sessionId, chatId: e.chatId, ...(e.name ? { name: e.name } : {}), ...(e.unreadCount !== undefined ? { unreadCount: e.unreadCount } : {}), ...(e.lastMessageAt ? { lastMessageAt: e.lastMessageAt } : {}), ...(e.handledAt !== undefined ? { handledAt: e.handledAt } : {}), ...(e.blocked !== undefined ? { blocked: e.blocked } : {}), ...(e.optedOut ? { optedOut: e.optedOut } : {}) });
    if (e.handledAt !== undefined) refreshCount();
  });
  // Pinned or unpinned on another device of the user's: a chat the list lacks is read again with it.
  useSocketEvent('chat-pin', (e) => (stateRef.current.chats.has(chatKey(e.sessionId, e.chatId)) ? dispatch({ type: 'chat/pinned', key: chatKey(e.sessionId, e.chatId), pinnedAt: e.pinnedAt }) : reloadList()));
  useSocketEvent('chat-snooze', (e) => {
    dispatch({ type: 'event/snooze', sessionId: e.sessionId, chatId: e.chatId, snoozedUntil: e.snoozedUntil });
    refreshCount();
    // Woken elsewhere and not in the list: read it again (the snoozed ones with it).
    if (e.snoozedUntil === null && !stateRef.current.chats.has(chatKey(e.sessionId, e.chatId))) reloadList();
    else reloadSnoozed();
  });
  useSocketEvent('chat-labels', (e) => {
    dispatch({ type: 'event/labels', sessionId: e.sessionId, chatId: e.chatId, labels: e.labels });
    if (e.labels.some((id) => !labelsById.has(id))) reloadLabels();
  });
  useSocketEvent('labels-changed', () => reloadLabels());
  useSocketEvent('chat-note', (note) => notifyMention(stateRef.current, note));
  useSocketEvent('chat-scheduled', (e) => dispatch({ type: 'event/scheduled', sessionId: e.sessionId, chatId: e.chatId, nextScheduledAt: e.nextScheduledAt, scheduledFailed: e.scheduledFailed }));
  // Marked *Destacado* (or not) elsewhere: the message as loaded, with the mark as it is now.
  useSocketEvent('message-star', (e) => {
    const m = stateRef.current.threads.get(chatKey(e.sessionId, e.chatId))?.messages.get(e.id);
    if (m) dispatch({ type: 'event/message', message: { ...m, starred: e.starred ?? undefined } });
  });
  useSocketEvent('chat-opt-out', (e) => dispatch({ type: 'event/chat', sessionId: e.sessionId, chatId: e.chatId, optedOut: e.optedOut }));
  useSocketEvent('chat-name', (e) => dispatch({ type: 'event/name', sessionId: e.sessionId, chatId: e.chatId, name: e.name, customName: e.customName }));
  useSocketEvent('chat-assignees', (e) => {
    const key = chatKey(e.sessionId, e.chatId);
    const known = stateRef.current.chats.has(key);
    dispatch({ type: 'event/assignees', sessionId: e.sessionId, chatId: e.chatId, assignees: e.assignees });
    // The views by assignee follow: out of *Sin asignar* once someone has it, in and out of *Mías*.
    const { view, assignee } = filtersRef.current;
    const has = (userId: string) => e.assignees.some((a) => a.userId === userId);
    const mine = has(me.id);
    if ((view === 'unassigned' && e.assignees.length > 0) || (view === 'mine' && !mine) || (assignee && !has(assignee))) dispatch({ type: 'chat/out-of-view', key });
    else if (view === 'mine' && mine && !known) reloadList();
  });
  useSocketEvent('agent-activity', (e) => {
    if (e.user.id !== me.id) setAgentsByChat((cur) => applyActivity(cur, chatKey(e.sessionId, e.chatId), e, Date.now()));
  });
  useSocketEvent('presence', (e) => dispatch({ type: 'event/presence', sessionId: e.sessionId, chatId: e.chatId, state: e.state, at: e.at }));
  useSocketEvent('access-changed', (e) => {
    const before = stateRef.current;
    dispatch({ type: 'access/rooms', rooms: e.rooms });
    void auth.refresh().catch(() => undefined);
    // A chat was assigned: it is not in the list yet (the list's reload tells the user).
    const newChats = e.rooms.map(chatKeyOfRoom).filter((key): key is string => key !== null && !before.chats.has(key));
    for (const key of newChats) gained.current.add(key);
    if (newChats.length) reloadList();
    refreshCount();
    if (before.openKey) {
      const { sessionId, chatId } = parseChatKey(before.openKey);
      if (!roomsAllow(e.rooms, sessionId, chatId)) setRevoked(before.openKey);
    }
  });
  useSocketEvent('replay-done', (e) => {
    if (e.truncated.length === 0) return;
    reloadList();
    const open = stateRef.current.openKey;
    if (open && e.truncated.includes(parseChatKey(open).sessionId)) void loadThread(open);
  });

  const loadThread = useCallback(
    async (key: string) => {
      const { sessionId, chatId } = parseChatKey(key);
      try {
        const p = await rest.messages(sessionId, chatId, { limit: THREAD_PAGE });
        dispatch({ type: 'thread/loaded', key, messages: p.data, complete: p.data.length < THREAD_PAGE });
        setThreadError(undefined);
      } catch (err) {
        setThreadError(err);
      }
    },
    [rest],
  );

  const onSent = useCallback((item: OutboxItem, receipt: { messageId: string }) => {
    // Accepted: show it as pending right away (the server's events take it from there).
    dispatch({ type: 'event/message', message: pendingMessageOf(item, receipt.messageId, Date.now()) });
  }, []);
  const outbox = useOutbox(onSent);
  useNotificationReplies(auth.platform, outbox.queue);

  const value = useMemo<Inbox>(
    () => ({
      state,
      dispatch,
      filters,
      setFilters,
      list: { loading: listLoading, error: listError, total: state.total, hasMore: state.chats.size < state.total, loadMore: () => !listLoading && setPage((p) => p + 1), reload: reloadList },
      needsReplyCount,
      outbox: outbox.items,
      open(key) {
        dispatch({ type: 'chat/open', key });
        setThreadError(undefined);
        if (key && !stateRef.current.threads.get(key)?.loaded) void loadThread(key);
      },
      async loadOlder(key) {
        const thread = stateRef.current.threads.get(key);
        if (!thread || thread.complete) return;
        const oldest = Math.min(...[...thread.messages.values()].map((m) => m.timestamp));
        const { sessionId, chatId } = parseChatKey(key);
        const p = await rest.messages(sessionId, chatId, { limit: THREAD_PAGE, before: Number.isFinite(oldest) ? oldest : undefined });
        dispatch({ type: 'thread/loaded', key, messages: p.data, complete: p.data.length < THREAD_PAGE });
      },
      threadError,
      async send(key, reply) {
        const { sessionId, chatId } = parseChatKey(key);
        await outbox.queue.enqueue({ clientId: newClientId(), sessionId, chatId, ...(reply.text ? { text: reply.text } : {}), ...(reply.quotedId ? { quotedId: reply.quotedId } : {}), ...(reply.mentions?.length ? { mentions: reply.mentions } : {}), ...(reply.file ? { file: reply.file, fileName: reply.file.name } : {}), ...(reply.kind ? { kind: reply.kind } : {}), ...(reply.contact ? { contact: reply.contact } : {}), ...(reply.poll ? { poll: reply.poll } : {}), ...(reply.location ? { location: reply.location } : {}), ...(reply.event ? { event: reply.event } : {}) });
      },
      retryOutbox: (clientId) => void outbox.queue.retry(clientId),
      discardOutbox: (clientId) => void outbox.queue.discard(clientId),
      async retryMessage(m) {
        const key = chatKey(m.sessionId, m.chatId);
        dispatch({ type: 'message/retrying', key, messageId: m.id });
        await rest.retry(m.sessionId, m.id);
      },
      ...messageActions(rest, dispatch),
      async markRead(key) {
        const { sessionId, chatId } = parseChatKey(key);
        dispatch({ type: 'chat/read', key });
        await rest.markRead(sessionId, chatId);
      },
      async markUnread(key) {
        const { sessionId, chatId } = parseChatKey(key);
        const { unreadCount } = await rest.markUnread(sessionId, chatId);
        dispatch({ type: 'event/chat', sessionId, chatId, unreadCount });
      },
      snoozedChats,
      async snooze(key, until) {
        const { sessionId, chatId } = parseChatKey(key);
        const seen = stateRef.current.chats.get(key)?.lastInboundAt ?? null;
        const view = await rest.snooze(sessionId, chatId, until, until === null ? undefined : seen);
        dispatch({ type: 'event/snooze', sessionId, chatId, snoozedUntil: view.snoozedUntil });
        refreshCount();
        if (until === null) reloadList();
        else reloadSnoozed();
      },
      async markHandled(key) {
        const { sessionId, chatId } = parseChatKey(key);
        const { handledAt } = await rest.markHandled(sessionId, chatId);
        dispatch({ type: 'event/chat', sessionId, chatId, handledAt });
        refreshCount();
      },
      labels,
      labelsById,
      reloadLabels,
      agentsByChat,
      async setChatLabels(key, labelIds) {
        const { sessionId, chatId } = parseChatKey(key);
        const before = stateRef.current.chats.get(key)?.labels ?? [];
        dispatch({ type: 'event/labels', sessionId, chatId, labels: labelIds });
        try {
          const saved = await rest.setChatLabels(sessionId, chatId, labelIds);
          dispatch({ type: 'event/labels', sessionId, chatId, labels: saved.labels });
        } catch (err) {
          dispatch({ type: 'event/labels', sessionId, chatId, labels: before });
          throw err;
        }
      },
      prefs,
      setPrefs(p) {
        setPrefsState(p);
        savePrefs(me.id, p);
      },
      revoked,
      clearRevoked: () => setRevoked(null),
      drafts,
      setDraft,
      draftFiles,
      setDraftFiles,
    }),
    [snoozedChats, reloadSnoozed, drafts, setDraft, draftFiles, setDraftFiles, state, filters, setFilters, listLoading, listError, reloadList, needsReplyCount, outbox, loadThread, threadError, rest, prefs, me.id, revoked, labels, labelsById, reloadLabels, agentsByChat],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The inbox state and actions. */
export function useInbox(): Inbox {
  const v = useContext(Ctx);
  if (!v) throw new Error('useInbox outside InboxProvider');
  return v;
}

/** The inbox when mounted (null for users who cannot read chats). */
export function useOptionalInbox(): Inbox | null {
  return useContext(Ctx);
}
