/**
 * An open conversation: header (who, session, assignees, labels, presence, mark read or unread,
 * labels, transfer, pin, search in it, close), who else has it open or is replying, the message
 * log with the team's internal notes among the messages, and the composer (a reply, or a note).
 * Files can be dropped anywhere on it. Replies go through the outbox; replying marks the chat
 * read (reading is not handling: opening alone does not).
 */
import type { CannedReplyView, ChatNoteView, InboxChatView, InboxMessageView, MessageMention } from '@switchboard/shared';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { on } from '../../../auth/ability.ts';
import { useAbility, useApi, useMe } from '../../../auth/AuthProvider.tsx';
import { assignmentsApi } from '../../assignments/assignmentsApi.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useRealtime } from '../../../realtime/RealtimeProvider.tsx';
import { Button, IconButton } from '../../../ui/Button.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { ErrorBox, Loading } from '../../../ui/Feedback.tsx';
import { useToast } from '../../../ui/Toasts.tsx';
import { errorText } from '../../../ui/errors.ts';
import { inboxApi } from '../inboxApi.ts';
import { useInbox } from '../InboxProvider.tsx';
import { ChatAvatar } from '../list/ChatAvatar.tsx';
import { chatTitle } from '../list/ChatListItem.tsx';
import { firstName } from './cannedVariables.ts';
import { displayPhone, parseChatKey, phoneFromJid } from '../model/keys.ts';
import { useChatNotes } from '../notes/useChatNotes.ts';
import { ScheduledStrip } from '../scheduled/ScheduledStrip.tsx';
import { useScheduled } from '../scheduled/useScheduled.ts';
import { whenPhrase } from '../scheduled/whenPhrase.ts';
import { reactionsByTarget, threadMessages } from '../model/inboxReducer.ts';
import { Composer } from './Composer.tsx';
import { ReplyTools } from './ReplyTools.tsx';
import { mentionableMembers } from './replyMentions.ts';
import { MessageList } from './MessageList.tsx';
import { buildRows } from './rows.ts';
import { useOwnChanges } from './useOwnChanges.tsx';
import { ForwardDialog } from './ForwardDialog.tsx';
import { BlockedReplyNotice } from './ContactBlock.tsx';
import { LIVE_WORDS, liveActivity } from '../model/presence.ts';
import { ContactDialog } from './ContactDialog.tsx';
import { SnoozeDialog } from './SnoozeDialog.tsx';
import { ThreadCorner } from './ThreadCorner.tsx';
import { isSnoozed } from '../model/snooze.ts';
import type { QuotedMessage } from '../model/drafts.ts';
import { TransferDialog } from './TransferDialog.tsx';
import { useAgentActivity } from './useAgentActivity.ts';
import { useGroupStanding } from './useGroupStanding.ts';
import { JoinRequestsBanner, SnoozedBanner } from './ThreadBanners.tsx';
import { LabelChips } from '../labels/LabelChips.tsx';
import { LabelsDialog } from '../labels/LabelsDialog.tsx';

/** Most older pages loaded to find a search hit (50 messages each). */
const FOCUS_PAGES_MAX = 40;

/** Props of Thread. */
export interface ThreadProps {
  chatKeyValue: string;
  chat: InboxChatView | undefined;
  canned: CannedReplyView[];
  onClose(): void;
  /** Marks the chat unread for the team and closes it. */
  onMarkUnread(): void;
  /** Shown while the chat needs a reply: the customer's last words need none. */
  onMarkHandled(): void;
  /** A message to bring into view and mark (a search hit), loading older pages until it is there. */
  focusMessageId?: string | null;
  /** A dialog the keyboard asked for (L, P, I); a new object each time. */
  asked: AskedDialog | null;
  onManageCanned(): void;
  focusToken: number;
  /** Escape in the composer: back to the chat list (the chat stays open). */
  onLeaveComposer(): void;
  /** Search this chat's messages (the list's search box, scoped to the chat). */
  onSearchChat(): void;
}

/** Dialogs of the thread a shortcut opens: labels (L), snooze (P), contact details (I). */
export interface AskedDialog {
  dialog: 'labels' | 'snooze' | 'contact';
}

/** A chat with no files picked. */
const NO_FILES: readonly File[] = [];

/** The open conversation. */
export function Thread({ chatKeyValue: key, chat, canned, onClose, onMarkUnread, onMarkHandled, focusMessageId = null, asked, onManageCanned, focusToken, onLeaveComposer, onSearchChat }: ThreadProps) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const inbox = useInbox();
  const api = useApi();
  const rest = inboxApi(api);
  const toast = useToast();
  const realtime = useRealtime();
  const { setDraft, setDraftFiles } = inbox;
  // The message the reply quotes is the chat's draft's, so it is there again when the chat is.
  const quoting = inbox.drafts.get(key)?.quote ?? null;
  const setQuoting = useCallback((m: QuotedMessage | null) => setDraft(key, { quote: m }), [setDraft, key]);
  // Files picked and not sent are the chat's, kept while the app is open (useDrafts.ts).
  const files = inbox.draftFiles.get(key) ?? NO_FILES;
  const setFiles = useCallback((change: Parameters<typeof setDraftFiles>[1]) => setDraftFiles(key, change), [setDraftFiles, key]);
  const [dragging, setDragging] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [sentTick, setSentTick] = useState(0);
  const ability = useAbility();
  const me = useMe();
  const [labelling, setLabelling] = useState(false);
  const canLabel = ability.can('assign', 'Label') && ability.can('read', 'Label');
  const [snoozing, setSnoozing] = useState(false);
  const [showingContact, setShowingContact] = useState(false);
  // Who may answer the chat may also decide it needs no answer, or not yet.
  const canAnswer = ability.can('send', 'Message');
  // A shortcut asked for a dialog after the thread opened (the one it opened with is old news).
  const firstAsked = useRef(asked);
  useEffect(() => {
    if (!asked || asked === firstAsked.current || !chat) return;
    if (asked.dialog === 'labels' && canLabel) setLabelling(true);
    else if (asked.dialog === 'snooze' && canAnswer) setSnoozing(true);
    else if (asked.dialog === 'contact') setShowingContact(true);
  }, [asked]);
  const snoozedUntil = chat && isSnoozed(chat, Date.now()) ? chat.snoozedUntil : null;
  // Nobody has it: take it in one click (the list shows it at once; other consoles hear it).
  const takeChat = async () => {
    try {
      await assignmentsApi(api).assign(sessionId, { chatId, userId: me.id });
      inbox.dispatch({ type: 'event/assignees', sessionId, chatId, assignees: [{ userId: me.id, name: me.name }] });
      toast.success(t('thread.tookChat'));
    } catch (err) {
      toast.error(errorText(err, t));
    }
  };
  const snooze = async (until: number | null) => {
    try {
      await inbox.snooze(key, until);
    } catch (err) {
      toast.error(errorText(err, t));
      throw err;
    }
    if (until === null) {
      toast.success(t('snooze.woken'));
      return;
    }
    setSnoozing(false);
    toast.success(t('snooze.done', { when: fmt.dateTime(until) }));
    onClose();
  };
  const [unreadAtOpen] = useState(() => chat?.unreadCount ?? 0);
  const { sessionId, chatId } = parseChatKey(key);
  const thread = inbox.state.threads.get(key);
  const messages = useMemo(() => threadMessages(thread), [thread]);
  const byId = useMemo(() => new Map(messages.map((m) => [m.id, m])), [messages]);
  const reactions = useMemo(() => reactionsByTarget(thread), [thread]);
  const outbox = useMemo(() => inbox.outbox.filter((i) => i.sessionId === sessionId && i.chatId === chatId), [inbox.outbox, sessionId, chatId]);
  const isGroup = chat?.isGroup ?? chatId.endsWith('@g.us');
  const standing = useGroupStanding(sessionId, chatId, chat, ability.can('update', on('Chat', { sessionId, jid: chatId })));
  const notes = useChatNotes(sessionId, chatId);
  const agents = useAgentActivity(sessionId, chatId);
  const replying = agents.others.filter((a) => a.state === 'typing');
  const rows = useMemo(
    () => buildRows(messages, outbox, { complete: thread?.complete ?? false, unread: unreadAtOpen, isGroup, notes: notes.notes, me: me.id }),
    [messages, outbox, thread?.complete, unreadAtOpen, isGroup, notes.notes, me.id],
  );
  // Which colleague sent what (the viewer's own replies carry no name): names from the pages
  // read and from the colleagues here now.
  const teamNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const m of messages) if (m.sentBy?.name) names.set(m.sentBy.id, m.sentBy.name);
    for (const a of agents.others) names.set(a.id, a.name);
    return names;
  }, [messages, agents.others]);
  // A search hit older than the loaded page: load older pages until it is there (or none are left).
  const focusPages = useRef(0);
  useEffect(() => void (focusPages.current = 0), [focusMessageId]);
  useEffect(() => {
    if (!focusMessageId || !thread?.loaded || thread.complete || thread.messages.has(focusMessageId) || focusPages.current >= FOCUS_PAGES_MAX) return;
    focusPages.current += 1;
    void inbox.loadOlder(key).catch(() => undefined);
  }, [focusMessageId, thread]);
  const canDeleteAnyNote = ability.can('delete', 'Message');
  const deleteNote = (note: ChatNoteView) =>
    void notes.remove(note.id).then(
      () => toast.success(t('notes.deleted')),
      (err: unknown) => toast.error(errorText(err, t)),
    );
  const noteDeleter = (note: ChatNoteView) => (canDeleteAnyNote || note.author.id === me.id ? deleteNote : undefined);
  /** Says why a note or a scheduled reply was refused, and rejects (the box keeps what was typed). */
  const refused = (err: unknown): never => {
    toast.error(errorText(err, t));
    throw err;
  };
  const addNote = async (text: string, mentions: readonly string[]) => {
    setSentTick((n) => n + 1);
    await notes.add(text, mentions).catch(refused);
  };
  const scheduled = useScheduled(sessionId, chatId);
  // With a file (one at most), the file goes with the text as its caption; it and the quote leave the box.
  const scheduleReply = async (text: string, at: number, mentions: MessageMention[]) => {
    const s = await scheduled.schedule(text, at, { file: files[0], quotedId: quoting?.id, mentions }).catch(refused);
    if (s.file) setFiles([]);
    if (s.quotedId) setQuoting(null);
    toast.success(t('scheduled.done', { when: whenPhrase(s.sendAt, Date.now(), i18n) }));
  };
  const live = liveActivity(inbox.state.presence.get(key), Date.now());
  const name = chatTitle(chat ?? { name: null, phone: null, id: chatId });

  const saveDraft = useCallback((text: string) => setDraft(key, { text }), [setDraft, key]);
  const [forwarding, setForwarding] = useState<InboxMessageView[] | null>(null);
  const own = useOwnChanges(name);
  const { react: sendReaction } = inbox;
  const react = useCallback(
    (m: InboxMessageView, emoji: string) => void sendReaction(m, emoji).catch((err: unknown) => toast.error(errorText(err, t))),
    [sendReaction, toast, t],
  );
  const send = async (text: string, mentions: MessageMention[] = []) => {
    setSentTick((n) => n + 1);
    const attachments = files;
    const quote = quoting?.id;
    setFiles([]);
    setQuoting(null);
    // A caption and a quote go with the first file; text alone is a text message.
    if (attachments.length === 0) await inbox.send(key, { text, mentions, ...(quote ? { quotedId: quote } : {}) });
    for (const [i, file] of attachments.entries()) await inbox.send(key, { file, ...(i === 0 && text ? { text, mentions } : {}), ...(i === 0 && quote ? { quotedId: quote } : {}) });
    void rest.presence(sessionId, chatId, 'paused').catch(() => undefined);
    if (chat && chat.unreadCount > 0) await markRead(false);
  };

  const markRead = (announce: boolean): Promise<void> =>
    inbox.markRead(key).then(
      () => void (announce && toast.success(t('thread.marked'))),
      (err: unknown) => void (announce && toast.error(errorText(err, t))),
    );

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = [...e.dataTransfer.files];
    if (dropped.length) setFiles((f) => [...f, ...dropped]);
  };

  return (
    <section
      className={`thread${dragging ? ' dragging' : ''}`}
      aria-label={name}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="thread-header">
        <IconButton icon="chevronLeft" label={t('thread.close')} className="thread-back" onClick={onClose} />
        <ChatAvatar name={name} mediaId={chat?.profilePictureMediaId ?? null} />
        <div className="thread-title">
          <h2>{name}</h2>
          <p className="faint">
            {live === 'available' ? t('thread.online') : live && <span className={`typing ${live}`}>{t(LIVE_WORDS[live])}</span>}
            {!live && [displayPhone(chat?.phone) ?? phoneFromJid(chatId), chat?.sessionName ?? sessionId].filter((part) => part && part !== name).join(' · ')}
            {chat && chat.assignees.length > 0 && !live && ` · ${t('inbox.assignedTo', { names: chat.assignees.map((a) => (a.userId === me.id ? t('inbox.assignedToYou') : a.name)).join(', ') })}`}
          </p>
          {chat && <LabelChips ids={chat.labels} labelsById={inbox.labelsById} />}
        </div>
        <div className="thread-actions">
          {chat && canLabel && (
            <Button size="sm" icon="tag" onClick={() => setLabelling(true)} aria-keyshortcuts="L">
              {t('labels.open')}
            </Button>
          )}
          {chat && chat.assignees.length === 0 && ability.can('create', on('Assignment', { sessionId, chatId, userId: me.id })) && (
            <Button size="sm" icon="user" variant="primary" onClick={() => void takeChat()}>
              {t('thread.takeChat')}
            </Button>
          )}
          {chat && ability.can('create', 'Assignment') && (
            <Button size="sm" icon="users" onClick={() => setTransferring(true)}>
              {t('transfer.open')}
            </Button>
          )}
          {chat && chat.needsReply && canAnswer && (
            <Button size="sm" icon="check" onClick={onMarkHandled} aria-keyshortcuts="H" title={t('thread.markHandledHint')}>
              {t('thread.markHandled')}
            </Button>
          )}
          {chat && <IconButton icon={chat.isGroup ? 'users' : 'user'} label={t(chat.isGroup ? 'group.open' : 'contact.open')} title={`${t(chat.isGroup ? 'group.open' : 'contact.open')} (I)`} variant="secondary" size="sm" aria-keyshortcuts="I" onClick={() => setShowingContact(true)} />}
          {chat && canAnswer && !snoozedUntil && <IconButton icon="clock" label={t('snooze.open')} title={`${t('snooze.open')} (P)`} variant="secondary" size="sm" aria-keyshortcuts="P" onClick={() => setSnoozing(true)} />}
          {/* Read / unread as icons (names and shortcuts in the tooltip): replying marks read anyway. */}
          {chat && chat.unreadCount > 0 && <IconButton icon="checks" label={t('thread.markRead')} title={`${t('thread.markRead')} (R)`} variant="secondary" size="sm" onClick={() => void markRead(true)} aria-keyshortcuts="R" />}
          {chat && chat.unreadCount === 0 && <IconButton icon="mail" label={t('thread.markUnread')} title={`${t('thread.markUnread')} (U)`} variant="secondary" size="sm" onClick={onMarkUnread} aria-keyshortcuts="U" />}
        </div>
        <ThreadCorner chat={chat} onSearch={onSearchChat} onClose={onClose} />
      </header>
      {snoozedUntil !== null && <SnoozedBanner until={snoozedUntil} onWake={canAnswer ? () => void snooze(null).catch(() => undefined) : undefined} />}
      {standing.waiting > 0 && <JoinRequestsBanner count={standing.waiting} onReview={() => setShowingContact(true)} />}
      {agents.others.length > 0 && (
        <p className={`agents-here${replying.length ? ' replying' : ''}`} role="status">
          <Icon name={replying.length ? 'edit' : 'eye'} size={14} />
          {replying.length
            ? t('agents.replying', { names: replying.map((a) => a.name).join(', ') })
            : t('agents.viewing', { names: agents.others.map((a) => a.name).join(', ') })}
        </p>
      )}
      {inbox.threadError && !thread?.loaded ? (
        <div className="thread-body-msg">
          <ErrorBox error={inbox.threadError} onRetry={() => inbox.open(key)} />
        </div>
      ) : !thread?.loaded ? (
        <Loading label={t('thread.loading')} />
      ) : (
        <MessageList
          rows={rows}
          label={t('thread.messages', { name })}
          busy={false}
          complete={thread.complete}
          byId={byId}
          reactions={reactions}
          teamNames={teamNames}
          memberNames={standing.names}
          accountName={chat?.sessionName ?? ''}
          loadOlder={() => inbox.loadOlder(key)}
          onReply={(m) => setQuoting(m)}
          onReact={canAnswer ? react : undefined}
          onEdit={canAnswer ? own.onEdit : undefined}
          onDelete={canAnswer ? own.onDelete : undefined}
          onStar={canAnswer ? own.onStar : undefined}
          onForward={canAnswer ? setForwarding : undefined}
          onRetry={(m) => void inbox.retryMessage(m).catch((err: unknown) => toast.error(errorText(err, t)))}
          onRetryOutbox={inbox.retryOutbox}
          onDiscardOutbox={inbox.discardOutbox}
          noteDeleter={noteDeleter}
          focusId={focusMessageId}
          sentTick={sentTick}
        />
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          {t('composer.dropHere')}
        </div>
      )}
      <TransferDialog chat={transferring && chat ? chat : null} title={name} onClose={() => setTransferring(false)} onChanged={inbox.list.reload} />
      <LabelsDialog chat={labelling && chat ? chat : null} title={name} onClose={() => setLabelling(false)} />
      {own.dialogs}
      <ForwardDialog messages={forwarding} sessionName={chat?.sessionName ?? ''} onClose={() => setForwarding(null)} />
      <SnoozeDialog open={snoozing && !!chat} title={name} onClose={() => setSnoozing(false)} onSnooze={snooze} />
      <ContactDialog chat={showingContact && chat ? chat : null} title={name} onClose={() => setShowingContact(false)} />
      <ScheduledStrip scheduled={scheduled} canAct={canAnswer} quoted={(id) => byId.get(id) ?? null} />
      <Composer
        chatName={name}
        quoting={quoting}
        onCancelQuote={() => setQuoting(null)}
        files={files}
        onFiles={(f) => setFiles((cur) => [...cur, ...f])}
        onRemoveFile={(i) => setFiles((cur) => cur.filter((_, j) => j !== i))}
        canned={canned}
        cannedValues={{ contact: chat?.isGroup ? null : firstName(chat?.name), agent: firstName(me.name), company: chat?.sessionName ?? null }}
        offline={realtime.state === 'offline'}
        onSend={send}
        onSchedule={scheduleReply}
        onVoice={(file) => void inbox.send(key, { file, kind: 'voice' }).then(() => setSentTick((n) => n + 1))}
        onRecording={(active) => void rest.presence(sessionId, chatId, active ? 'recording' : 'paused').catch(() => undefined)}
        onNote={addNote}
        loadPeople={() => rest.people(sessionId, chatId).then((r) => r.data)}
        loadMembers={chat?.isGroup ? () => rest.groupInfo(sessionId, chatId).then(mentionableMembers) : undefined}
        onTyping={(active) => {
          agents.report(active);
          void rest.presence(sessionId, chatId, active ? 'composing' : 'paused').catch(() => undefined);
        }}
        onManageCanned={onManageCanned}
        tools={<ReplyTools sessionId={sessionId} sessionName={chat?.sessionName ?? sessionId} chatId={chatId} chatName={name} onSend={(reply) => inbox.send(key, reply).then(() => setSentTick((n) => n + 1))} />}
        onCannedFile={(c) => void rest.cannedFile(c).then((f) => setFiles((cur) => [...cur, f]), (err: unknown) => toast.error(errorText(err, t)))}
        focusToken={focusToken}
        onEscape={onLeaveComposer}
        replyBlocked={chat?.blocked ? <BlockedReplyNotice chat={chat} name={name} /> : standing.replyBlock && t(standing.replyBlock === 'admins_only' ? 'groupSettings.adminsSendOnly' : 'groupSettings.notInGroup')}
        draft={inbox.drafts.get(key)?.text ?? ''}
        onDraft={saveDraft}
      />
    </section>
  );
}
