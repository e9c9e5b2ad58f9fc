/**
 * The inbox: the chat list (assigned chats; every visible chat for supervisors, with a
 * mine / unassigned / all switch) beside the open conversation. Keyboard first: J/K or arrows
 * move, Enter opens, `/` searches, Esc closes, R marks read, U marks unread (and closes), L labels,
 * N starts a conversation with a number, `?` lists every shortcut. The URL
 * names the open chat (`/inbox/:sessionId/:chatId`), so notifications and deep links open it.
 */
import type { AgentView, CannedReplyView, MessageSearchHit } from '@switchboard/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { seesEveryChat } from '../../auth/ability.ts';
import { useAbility, useApi, useMe } from '../../auth/AuthProvider.tsx';
import { useDebounced, useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { isTyping } from '../../layout/useGlobalShortcuts.ts';
import { ConnectionMarker } from '../../realtime/ConnectionMarker.tsx';
import { useRealtime } from '../../realtime/RealtimeProvider.tsx';
import { Button, IconButton } from '../../ui/Button.tsx';
import { EmptyState, ErrorBox, Loading } from '../../ui/Feedback.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { useTakeFromUrl } from '../../ui/useOpenFromUrl.ts';
import { errorText } from '../../ui/errors.ts';
import { CannedRepliesDialog } from './CannedRepliesDialog.tsx';
import { inboxApi, listOrder } from './inboxApi.ts';
import { useInbox } from './InboxProvider.tsx';
import { ChatList, type ChatListHandle } from './list/ChatList.tsx';
import { InboxFilters } from './list/InboxFilters.tsx';
import { BroadcastsDialog } from './list/BroadcastsDialog.tsx';
import { BulkBar } from './list/BulkBar.tsx';
import { useRecentBroadcasts } from './list/useRecentBroadcasts.ts';
import { useChatSelection } from './list/useChatSelection.ts';
import { MessageSearchResults } from './list/MessageSearchResults.tsx';
import { StarredResults } from './list/StarredResults.tsx';
import { chatKey, parseChatKey, phoneFromJid } from './model/keys.ts';
import { sortedChats } from './model/chatOrder.ts';
import { liveActivities } from './model/presence.ts';
import { sessionsToStartFrom } from './model/newChat.ts';
import { useScheduledCount } from './scheduled/useScheduledCount.ts';
import { isSnoozed } from './model/snooze.ts';
import { NewChatDialog } from './NewChatDialog.tsx';
import { NewGroupDialog } from './NewGroupDialog.tsx';
import { NotifySettings } from './notify/NotifySettings.tsx';
import { Thread, type AskedDialog } from './thread/Thread.tsx';

/** The inbox screen. */
export function InboxScreen() {
  const { t, tn } = useI18n();
  const inbox = useInbox();
  const api = useApi();
  const rest = useMemo(() => inboxApi(api), [api]);
  const ability = useAbility();
  const me = useMe();
  const navigate = useNavigate();
  const toast = useToast();
  const params = useParams();
  const openKey = params.sessionId && params.chatId ? chatKey(params.sessionId, params.chatId) : null;
  // `?m=` names a message to show in the open chat (a search hit).
  const [searchParams, setSearchParams] = useSearchParams();
  const focusMessageId = searchParams.get('m');
  // Where the search box looks: chat names, every message, or the open chat's messages.
  const [searchIn, setSearchIn] = useState<'chats' | 'messages' | 'chat'>('chats');
  const where = searchIn === 'chat' && !openKey ? 'messages' : searchIn;
  /** The open chat, when the search looks in its messages alone. */
  const inChat = where === 'chat' && openKey ? parseChatKey(openKey) : null;
  /** The search box, looking in the open chat's messages (F, or the header's search button). */
  const searchChat = () => {
    setSearchIn('chat');
    searchRef.current?.focus();
  };
  const [search, setSearch] = useState(inbox.filters.q);
  // `?search=…&in=messages` (the command palette) fills the search box once, then leaves the URL.
  const askedSearch = searchParams.get('search');
  const askedIn = searchParams.get('in');
  useEffect(() => {
    if (askedSearch === null) return;
    setSearch(askedSearch);
    setSearchIn(askedIn === 'messages' ? 'messages' : 'chats');
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('search');
        next.delete('in');
        return next;
      },
      { replace: true },
    );
  }, [askedSearch, askedIn]);
  const q = useDebounced(search, 250);
  const [activeIndex, setActiveIndex] = useState(0);
  const [cannedOpen, setCannedOpen] = useState(false);
  const [notifyOpen, setNotifyOpen] = useState(false);
  const [focusToken, setFocusToken] = useState(0);
  const [asked, setAsked] = useState<AskedDialog | null>(null);
  const listRef = useRef<ChatListHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const { sessions } = useRealtime();
  const canned = useResource(() => (ability.can('read', 'CannedReply') ? rest.canned() : Promise.resolve([] as CannedReplyView[])), [rest]);
  // Users with an unconditional rule to read chats see every chat: offer them the views.
  const seesAll = seesEveryChat(ability);
  // Users who may start conversations (`create Chat`) from some session get *Nueva conversación*.
  const [newChatOpen, setNewChatOpen] = useState(false);
  const [newGroupOpen, setNewGroupOpen] = useState(false);
  const [newChatFor, setNewChatFor] = useState<{ sessionId?: string; phone: string } | null>(null);
  const canStartChats = useMemo(() => sessionsToStartFrom(sessions, ability).length > 0, [sessions, ability]);
  // `?new=1` opens it blank; `?new=<number>&session=<id>` filled in (a group member's *Escribirle en privado*).
  const openNewChat = (filled: { sessionId?: string; phone: string } | null = null) => {
    setNewChatFor(filled);
    setNewChatOpen(true);
  };
  useTakeFromUrl('new', canStartChats, (value, params) => openNewChat(/^\d{6,15}$/.test(value) ? { phone: value, ...(params.get('session') ? { sessionId: params.get('session')! } : {}) } : null), ['session']);
  // One person's chats (the team board links here); `waiting=1`: those whose customer waits.
  const people = useResource(() => (seesAll && ability.can('read', 'User') ? api.get<{ data: AgentView[] }>('/api/agents').then((r) => r.data) : Promise.resolve([] as AgentView[])), [api, seesAll]);
  useTakeFromUrl('assignee', seesAll, (assignee, params) => inbox.setFilters({ view: 'all', assignee, needsReply: params.get('waiting') === '1' }), ['waiting']);

  useEffect(() => {
    if (q !== inbox.filters.q) inbox.setFilters({ q });
    if (!q) setSearchIn('chats');
  }, [q]);

  // The URL decides which chat is open.
  useEffect(() => {
    inbox.open(openKey);
    if (openKey) setFocusToken((n) => n + 1);
  }, [openKey]);

  // Chats put aside are in their own view only (a live message may have brought one in).
  const { snoozed: snoozedView, scheduled: scheduledView } = inbox.filters;
  const order = listOrder(inbox.filters);
  const chats = useMemo(() => {
    const now = Date.now();
    // The scheduled view holds chats with a reply to go, snoozed or not.
    return sortedChats(inbox.state, order).filter((c) => (scheduledView ? c.nextScheduledAt !== null || c.scheduledFailed : isSnoozed(c, now) === snoozedView));
  }, [inbox.state, snoozedView, scheduledView, order]);
  const scheduledCount = useScheduledCount(rest, inbox.state.chats.size);
  const broadcasts = useRecentBroadcasts(rest);
  const [broadcastsOpen, setBroadcastsOpen] = useState(false);
  // The team's marked messages instead of the list (the star beside the title, or the command palette).
  const [starredView, setStarredView] = useState(false);
  useTakeFromUrl('starred', true, () => setStarredView(true));
  const selection = useChatSelection(chats);
  // The assignment was removed while the chat was open: close it at once and say why.
  useEffect(() => {
    if (!inbox.revoked) return;
    if (inbox.revoked === openKey) {
      toast.error(t('thread.revoked'));
      navigate('/inbox', { replace: true });
    }
    inbox.clearRevoked();
  }, [inbox.revoked]);

  const open = (key: string) => {
    const { sessionId, chatId } = parseChatKey(key);
    navigate(`/inbox/${encodeURIComponent(sessionId)}/${encodeURIComponent(chatId)}`);
  };
  const openHit = (hit: MessageSearchHit) => {
    inbox.dispatch({ type: 'chat/seen', chat: hit.chat });
    const { sessionId, chatId, id } = hit.message;
    navigate(`/inbox/${encodeURIComponent(sessionId)}/${encodeURIComponent(chatId)}?m=${encodeURIComponent(id)}`);
  };
  // Started on the gateway (number checked, taken when asked or when the user could not see it
  // otherwise) so the customer's answer finds it in "Mías"; then the first message goes through
  // the outbox like any reply, and the new chat opens.
  const startChat = async (sessionId: string, phone: string, text: string, assignToMe: boolean) => {
    const started = await rest.startChat(sessionId, phone, assignToMe);
    inbox.dispatch({ type: 'chat/started', sessionId, chatId: started.jid, assignees: started.assigned ? [{ userId: me.id, name: me.name }] : [] });
    await inbox.send(chatKey(sessionId, started.jid), { text });
    setNewChatOpen(false);
    toast.success(t('newChat.sent', { phone: phoneFromJid(started.jid) ?? started.jid }));
    open(chatKey(sessionId, started.jid));
  };
  const close = () => {
    navigate('/inbox');
    requestAnimationFrame(() => listRef.current?.focus());
  };
  // Handled without a reply ("gracias"): out of needs-reply, back in when the customer writes.
  const markHandled = (key: string) => {
    inbox.markHandled(key).then(
      () => toast.success(t('thread.markedHandled')),
      (err: unknown) => toast.error(errorText(err, t)),
    );
  };
  // Left for later: unread for the team, and the chat closes so it is not read again at once.
  const markUnread = (key: string) => {
    inbox.markUnread(key).then(
      () => {
        toast.success(t('thread.markedUnread'));
        if (key === openKey) close();
      },
      (err: unknown) => toast.error(errorText(err, t)),
    );
  };

  // Global inbox keys (outside text fields and dialogs); Alt+J / Alt+K work everywhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || document.querySelector('dialog[open]')) return;
      if (e.altKey) {
        const delta = e.code === 'KeyJ' || e.key === 'ArrowDown' ? 1 : e.code === 'KeyK' || e.key === 'ArrowUp' ? -1 : 0;
        if (delta) {
          e.preventDefault();
          listRef.current?.step(delta);
        }
        return;
      }
      if (isTyping(e)) return;
      if (e.key === 'Escape' && selection.selecting) {
        e.preventDefault();
        selection.stop();
      } else if (e.key === 'Escape' && openKey) {
        e.preventDefault();
        close();
      } else if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'j' || e.key === 'J') {
        e.preventDefault();
        listRef.current?.move(1);
        listRef.current?.focus();
      } else if (e.key === 'k' || e.key === 'K') {
        e.preventDefault();
        listRef.current?.move(-1);
        listRef.current?.focus();
      } else if ((e.key === 'r' || e.key === 'R') && openKey) {
        e.preventDefault();
        void inbox.markRead(openKey).catch(() => undefined);
      } else if ((e.key === 'l' || e.key === 'L') && openKey) {
        e.preventDefault();
        setAsked({ dialog: 'labels' });
      } else if ((e.key === 'u' || e.key === 'U') && openKey) {
        e.preventDefault();
        markUnread(openKey);
      } else if ((e.key === 'p' || e.key === 'P') && openKey) {
        e.preventDefault();
        setAsked({ dialog: 'snooze' });
      } else if ((e.key === 'i' || e.key === 'I') && openKey) {
        e.preventDefault();
        setAsked({ dialog: 'contact' });
      } else if ((e.key === 'f' || e.key === 'F') && openKey) {
        e.preventDefault();
        searchChat();
      } else if ((e.key === 'n' || e.key === 'N') && canStartChats) {
        e.preventDefault();
        openNewChat();
      } else if ((e.key === 'h' || e.key === 'H') && openKey && inbox.state.chats.get(openKey)?.needsReply) {
        e.preventDefault();
        markHandled(openKey);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const openChat = openKey ? inbox.state.chats.get(openKey) : undefined;
  const queued = inbox.outbox.filter((i) => i.state !== 'failed').length;
  return (
    <div className={`inbox${openKey ? ' has-open' : ''}`}>
      <section className="inbox-list" aria-label={t('inbox.chats')}>
        <header className="inbox-list-header">
          <h1>{t('inbox.title')}</h1>
          <div className="inbox-list-tools">
            {canStartChats && <IconButton icon="edit" label={t('newChat.open')} onClick={() => openNewChat()} />}
            <IconButton icon="star" label={t('star.all')} aria-pressed={starredView} onClick={() => setStarredView((on) => !on)} />
            <IconButton icon="checkSquare" label={t('bulk.start')} aria-pressed={selection.selecting} onClick={() => (selection.selecting ? selection.stop() : selection.start())} />
            <IconButton icon={inbox.prefs.enabled ? 'bell' : 'bellOff'} label={t('notify.title')} onClick={() => setNotifyOpen(true)} />
          </div>
        </header>
        <InboxFilters ref={searchRef} filters={inbox.filters} onChange={inbox.setFilters} search={search} onSearch={setSearch} sessions={sessions} showViews={seesAll} labels={inbox.labels} people={people.data ?? []} snoozedCount={inbox.snoozedChats.length} scheduledCount={scheduledCount} broadcasts={{ count: broadcasts.list.length, going: broadcasts.list.filter((b) => b.waiting > 0).length }} onBroadcasts={() => setBroadcastsOpen(true)} />
        {broadcastsOpen && <BroadcastsDialog list={broadcasts.list} sessions={sessions} onClose={() => setBroadcastsOpen(false)} />}
        <div className="inbox-status">
          <ConnectionMarker compact />
          <span className="faint">{starredView && !search.trim() ? t('star.all') : tn('inbox.count', inbox.list.hasMore ? inbox.list.total : chats.length)}</span>
        </div>
        {selection.selecting && <BulkBar selection={selection} total={chats.length} canned={canned.data ?? []} onDone={() => (selection.stop(), inbox.list.reload())} />}
        {queued > 0 && <p className="outbox-banner">{tn('outbox.waiting', queued)}</p>}
        {search.trim() && (
          <div className="segmented search-in" role="radiogroup" aria-label={t('search.in')}>
            {(openKey ? (['chats', 'messages', 'chat'] as const) : (['chats', 'messages'] as const)).map((scope) => (
              <button key={scope} type="button" role="radio" aria-checked={where === scope} onClick={() => setSearchIn(scope)}>
                {t(scope === 'chats' ? 'search.inChats' : scope === 'messages' ? 'search.inMessages' : 'search.inChat')}
              </button>
            ))}
          </div>
        )}
        {starredView && !search.trim() ? (
          <StarredResults sessionId={inbox.filters.sessionId} showSession={sessions.length !== 1} onOpen={openHit} />
        ) : where !== 'chats' && search.trim() ? (
          <MessageSearchResults q={q} sessionId={inChat?.sessionId ?? inbox.filters.sessionId} {...(inChat ? { chatId: inChat.chatId } : {})} showSession={!inChat && sessions.length !== 1} onOpen={openHit} />
        ) : inbox.list.error && chats.length === 0 ? (
          <ErrorBox error={inbox.list.error} onRetry={inbox.list.reload} />
        ) : inbox.list.loading && chats.length === 0 ? (
          <Loading />
        ) : chats.length === 0 ? (
          <EmptyState icon="inbox" title={t('inbox.empty.title')}>
            {inbox.filters.q || inbox.filters.needsReply || inbox.filters.unread || inbox.filters.label || inbox.filters.assignee || inbox.filters.sessionId
              ? t('inbox.empty.filtered')
              : seesAll && inbox.filters.view !== 'mine'
                ? t(inbox.filters.view === 'unassigned' ? 'inbox.empty.unassigned' : 'inbox.empty.all')
                : t(canStartChats ? 'inbox.empty.mineOrStart' : 'inbox.empty.mine')}
          </EmptyState>
        ) : (
          <ChatList
            ref={listRef}
            chats={chats}
            openKey={openKey}
            activeIndex={Math.min(activeIndex, chats.length - 1)}
            setActiveIndex={setActiveIndex}
            onOpen={open}
            showAssignees={seesAll}
            showSession={sessions.length !== 1}
            labelsById={inbox.labelsById}
            agentsByChat={inbox.agentsByChat}
            drafts={inbox.drafts}
            draftFiles={inbox.draftFiles}
            activityByChat={liveActivities(inbox.state.presence, Date.now())}
            hasMore={inbox.list.hasMore}
            onLoadMore={inbox.list.loadMore}
            selection={selection.selecting ? selection : undefined}
            onStartSelection={selection.start}
          />
        )}
      </section>
      {openKey ? (
        <Thread key={openKey} chatKeyValue={openKey} chat={openChat} canned={canned.data ?? []} onClose={close} onMarkUnread={() => markUnread(openKey)} onMarkHandled={() => markHandled(openKey)} focusMessageId={focusMessageId} asked={asked} onManageCanned={() => setCannedOpen(true)} focusToken={focusToken} onLeaveComposer={() => listRef.current?.focus()} onSearchChat={searchChat} />
      ) : (
        <section className="thread thread-empty">
          <EmptyState icon="message" title={t('inbox.pick.title')}>
            {t('inbox.pick.body')}
          </EmptyState>
          {ability.can('read', 'CannedReply') && (
            <Button icon="message" onClick={() => setCannedOpen(true)}>
              {t('canned.manage')}
            </Button>
          )}
        </section>
      )}
      <CannedRepliesDialog open={cannedOpen} onClose={() => setCannedOpen(false)} list={canned.data ?? []} onChanged={canned.reload} />
      <NewChatDialog
        open={newChatOpen}
        initial={newChatFor}
        onClose={() => setNewChatOpen(false)}
        onStart={startChat}
        onNewGroup={() => {
          setNewChatOpen(false);
          setNewGroupOpen(true);
        }}
      />
      <NewGroupDialog
        open={newGroupOpen}
        onClose={() => setNewGroupOpen(false)}
        onCreated={(sessionId, chatId) => {
          setNewGroupOpen(false);
          open(chatKey(sessionId, chatId));
        }}
      />
      <NotifySettings open={notifyOpen} onClose={() => setNotifyOpen(false)} prefs={inbox.prefs} onChange={inbox.setPrefs} sessions={sessions} />
    </div>
  );
}
