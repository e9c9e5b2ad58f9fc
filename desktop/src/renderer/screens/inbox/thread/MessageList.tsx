/**
 * The message list: a `role="log"` region, virtualised with measured heights so a thread of
 * thousands of messages stays fast. Sticks to the bottom while the agent is at the bottom,
 * offers a "jump to latest" button otherwise, and loads older messages when scrolled to the top
 * without losing the reading position.
 */
import type { ChatNoteView, InboxMessageView } from '@switchboard/shared';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useMe } from '../../../auth/AuthProvider.tsx';
import { useInbox } from '../InboxProvider.tsx';
import { chatKey } from '../model/keys.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import type { TargetReactions } from '../model/inboxReducer.ts';
import { NoteCard } from '../notes/NoteCard.tsx';
import { MessageInfoDialog } from './MessageInfoDialog.tsx';
import { MessageBubble, OutboxBubble } from './MessageBubble.tsx';
import { senderLabel, type Row } from './rows.ts';
import { withCurrentEventNames, withCurrentMentionNames } from './currentMentionNames.ts';
import { groupEventText } from './groupEventText.ts';
import { usePrivateReply } from './usePrivateReply.ts';

/** Props of MessageList. */
export interface MessageListProps {
  rows: Row[];
  label: string;
  busy: boolean;
  complete: boolean;
  byId: ReadonlyMap<string, InboxMessageView>;
  reactions: ReadonlyMap<string, TargetReactions>;
  /** Names of the team members, by user id (for replies a colleague sent; live events carry the id only). */
  teamNames: ReadonlyMap<string, string>;
  /** A group's members' names by id (useGroupStanding), for who voted or answered. */
  memberNames?: ReadonlyMap<string, string>;
  /** What to call the session's own account when a message mentions it (the session's name). */
  accountName: string;
  loadOlder(): Promise<void>;
  onReply(m: InboxMessageView): void;
  /** Absent for users who may not send in the chat. */
  onReact?: ((m: InboxMessageView, emoji: string) => void) | undefined;
  onEdit?: ((m: InboxMessageView) => void) | undefined;
  onDelete?: ((m: InboxMessageView) => void) | undefined;
  onStar?: ((m: InboxMessageView, on: boolean) => void) | undefined;
  /** Forwards one message, or several picked (in the thread's order). */
  onForward?: ((ms: InboxMessageView[]) => void) | undefined;
  onRetry(m: InboxMessageView): void;
  onRetryOutbox(clientId: string): void;
  onDiscardOutbox(clientId: string): void;
  /** Deletes a note; undefined for notes the user may not delete. */
  noteDeleter(note: ChatNoteView): ((note: ChatNoteView) => void) | undefined;
  /** A message to scroll to and mark once it is among the rows (a search hit). */
  focusId?: string | null;
  /** Changes when the agent sends: the list goes to the latest message and follows it. */
  sentTick: number;
}

/** Most messages picked to forward at once. */
const MAX_PICKED = 20;

/** How long after the agent's wheel, touch or key a scroll up is theirs (ms). */
const AGENT_SCROLL_MS = 1000;

/** The virtualised message log. */
export function MessageList(p: MessageListProps) {
  const { t, tn, fmt } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const loadingOlder = useRef(false);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const [showJump, setShowJump] = useState(false);
  const me = useMe();
  const { chats } = useInbox().state;
  // A private reply's quote names the group it came from, and a mention the person, by their chat's name now.
  const chatName = (sessionId: string, chatId: string) => chats.get(chatKey(sessionId, chatId))?.name ?? null;
  const [infoId, setInfoId] = useState<string | null>(null);
  const setInfo = useCallback((m: InboxMessageView) => setInfoId(m.id), []);
  // The message as it is now: a receipt that comes while its info is open shows at once.
  const info = infoId ? (p.byId.get(infoId) ?? null) : null;
  // Several messages picked to forward together (null: not picking).
  const [picked, setPicked] = useState<readonly string[] | null>(null);
  const { onForward } = p;
  const forwardOne = useCallback((m: InboxMessageView) => onForward?.([m]), [onForward]);
  const privateReply = usePrivateReply();
  const startPick = useCallback((m: InboxMessageView) => setPicked([m.id]), []);
  const togglePick = useCallback(
    (m: InboxMessageView) => setPicked((cur) => (!cur ? cur : cur.includes(m.id) ? cur.filter((id) => id !== m.id) : cur.length >= MAX_PICKED ? cur : [...cur, m.id])),
    [],
  );
  // While picking, Escape leaves the picking and not the chat (wherever the focus is).
  const picking = picked !== null;
  useEffect(() => {
    if (!picking) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      e.stopPropagation();
      setPicked(null);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [picking]);
  const forwardPicked = () => {
    // In the thread's order (messages of one second keep the order they arrived in).
    const at = new Map(p.rows.flatMap((r, i) => (r.kind === 'msg' ? [[r.m.id, i] as const] : [])));
    const ms = (picked ?? []).flatMap((id) => p.byId.get(id) ?? []).sort((a, b) => (at.get(a.id) ?? 0) - (at.get(b.id) ?? 0));
    setPicked(null);
    if (ms.length) onForward?.(ms);
  };
  const virtual = useVirtualizer({
    count: p.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (p.rows[i]?.kind === 'msg' ? 72 : 36),
    getItemKey: (i) => p.rows[i]!.key,
    overscan: 10,
  });

  // Who voted in a poll or answered an event: by the group's name for them (their chat's, the
  // team's), else the name the thread knows them by (their push name), else their number.
  const voterNames = useMemo(
    () => new Map([...[...p.byId.values()].flatMap((m) => (!m.fromMe && m.sender && m.pushName ? [[m.sender, m.pushName] as const] : [])), ...(p.memberNames ?? [])]),
    [p.byId, p.memberNames],
  );

  /** Who wrote a message shown with its author: a colleague on our side, a member in a group. */
  const authorOf = (m: InboxMessageView): string =>
    m.automated ? t('thread.automated') : m.fromMe ? (m.sentBy?.name ?? p.teamNames.get(m.sentBy?.id ?? '') ?? t('thread.teammate')) : (senderLabel(m) ?? t('inbox.unknownContact'));

  const toBottom = useCallback(() => {
    if (p.rows.length) virtual.scrollToIndex(p.rows.length - 1, { align: 'end' });
  }, [p.rows.length, virtual]);

  // New rows at the end: follow them if the agent was at the bottom.
  const lastKey = p.rows[p.rows.length - 1]?.key;
  useEffect(() => {
    if (atBottom.current) toBottom();
    else setShowJump(true);
  }, [lastKey]);

  // Following: whatever changes the log's height (rows measured, a photo loaded) keeps the end in view.
  const totalSize = virtual.getTotalSize();
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current && p.rows.length) el.scrollTop = el.scrollHeight;
  }, [totalSize]);

  // The log's own box shrinking (a banner above it, the reply box growing) keeps the end in view too.
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const watch = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    watch.observe(el);
    return () => watch.disconnect();
  }, []);

  // Older rows prepended: keep the same message under the agent's eyes.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && anchor.current) {
      // An agent following the end stays there (a short thread loads its older page at once).
      if (!atBottom.current) el.scrollTop = el.scrollHeight - anchor.current.height + anchor.current.top;
      anchor.current = null;
    }
  }, [p.rows.length]);

  // The agent wrote: show what they wrote, wherever they were reading.
  useEffect(() => {
    if (p.sentTick === 0) return;
    atBottom.current = true;
    setShowJump(false);
    toBottom();
  }, [p.sentTick]);

  // A search hit: centred and marked once its row exists (older pages may still be loading).
  const [focused, setFocused] = useState<string | null>(null);
  const focusIndex = p.focusId ? p.rows.findIndex((r) => r.kind === 'msg' && r.m.id === p.focusId) : -1;
  useEffect(() => {
    if (focusIndex < 0 || focused === p.focusId) return;
    atBottom.current = false;
    setFocused(p.focusId ?? null);
    virtual.scrollToIndex(focusIndex, { align: 'center' });
  }, [focusIndex, p.focusId]);

  // Only the agent scrolling up stops following. The log also moves by itself: rows measured
  // after a jump to the end, a row smaller than its estimate shortening the log (the browser
  // pulls scrollTop up with it), a burst of new messages. So a scroll up counts only right after
  // the agent's own input on the log (wheel, touch, keys, the scrollbar), never on its own.
  const lastTop = useRef(0);
  const inputAt = useRef(-Infinity);
  const pointerHeld = useRef(false);
  const byAgent = () => pointerHeld.current || performance.now() - inputAt.current < AGENT_SCROLL_MS;
  const agentInput = () => {
    inputAt.current = performance.now();
  };
  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const up = el.scrollTop < lastTop.current && byAgent();
    lastTop.current = el.scrollTop;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < 48) atBottom.current = true;
    else if (up) atBottom.current = false;
    if (atBottom.current) setShowJump(false);
    if (el.scrollTop < 160 && !p.complete && !loadingOlder.current) {
      loadingOlder.current = true;
      anchor.current = { height: el.scrollHeight, top: el.scrollTop };
      void p.loadOlder().finally(() => {
        loadingOlder.current = false;
      });
    }
  };

  return (
    <div className="thread-scroll-wrap">
      <div
        ref={scroller}
        className="thread-scroll"
        onScroll={onScroll}
        onWheel={agentInput}
        onTouchMove={agentInput}
        onKeyDown={agentInput}
        onPointerDown={() => (pointerHeld.current = true)}
        onPointerUp={() => ((pointerHeld.current = false), agentInput())}
        onPointerCancel={() => (pointerHeld.current = false)}
        role="log"
        aria-label={p.label}
        aria-busy={p.busy}
        tabIndex={0}
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const row = p.rows[v.index]!;
            return (
              <div key={v.key} data-index={v.index} ref={virtual.measureElement} className={`thread-row${row.kind === 'msg' && row.joined ? ' joined' : ''}${row.kind === 'msg' && row.m.id === focused ? ' focused' : ''}`} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)` }}>
                {row.kind === 'start' && <p className="thread-start">{t('thread.start')}</p>}
                {row.kind === 'day' && (
                  <p className="thread-day">
                    <span>{dayLabel(row.at, t, fmt)}</span>
                  </p>
                )}
                {row.kind === 'system' && (
                  <p className="thread-system">
                    <span>{row.m.system ? groupEventText(withCurrentEventNames(row.m.system, row.m.sessionId, chatName), t, fmt.list, p.accountName) : t('kind.system')}</span>
                  </p>
                )}
                {row.kind === 'unread' && (
                  <p className="thread-unread">
                    <span>{t('thread.newMessages')}</span>
                  </p>
                )}
                {row.kind === 'msg' && (
                  <MessageBubble
                    m={withCurrentMentionNames(row.m, chatName)}
                    quoted={row.m.quotedId ? p.byId.get(row.m.quotedId) : undefined}
                    quotedChatName={row.m.quotedFrom ? chatName(row.m.sessionId, row.m.quotedFrom.chatId) : undefined}
                    reactions={p.reactions.get(row.m.id)}
                    senderName={row.showSender ? authorOf(row.m) : null}
                    accountName={p.accountName}
                    voterNames={row.m.kind === 'poll' || row.m.kind === 'event' ? voterNames : undefined}
                    onReply={p.onReply}
                    onReact={p.onReact}
                    onEdit={p.onEdit}
                    onDelete={p.onDelete}
                    onStar={p.onStar}
                    onForward={onForward ? forwardOne : undefined}
                    onPrivateReply={privateReply}
                    onPickStart={onForward ? startPick : undefined}
                    picked={picked ? picked.includes(row.m.id) : undefined}
                    onPickToggle={togglePick}
                    onInfo={setInfo}
                    onRetry={p.onRetry}
                  />
                )}
                {row.kind === 'note' && <NoteCard note={row.note} onDelete={p.noteDeleter(row.note)} />}
                {row.kind === 'outbox' && <OutboxBubble item={row.item} onRetry={() => p.onRetryOutbox(row.item.clientId)} onDiscard={() => p.onDiscardOutbox(row.item.clientId)} />}
              </div>
            );
          })}
        </div>
      </div>
      {picked && (
        <div className="pick-bar" role="toolbar" aria-label={t('forward.pickBar')}>
          <span>{tn('forward.picked', picked.length)}</span>
          {picked.length >= MAX_PICKED && <span className="faint">{t('forward.pickMax', { max: MAX_PICKED })}</span>}
          <Button size="sm" onClick={() => setPicked(null)}>
            {t('action.cancel')}
          </Button>
          <Button size="sm" variant="primary" icon="forward" disabled={picked.length === 0} onClick={forwardPicked}>
            {t('forward.submit')}
          </Button>
        </div>
      )}
      {showJump && !picked && (
        <Button
          className="jump-latest"
          size="sm"
          icon="chevronDown"
          onClick={() => {
            atBottom.current = true;
            setShowJump(false);
            toBottom();
          }}
        >
          {t('thread.jumpToLatest')}
        </Button>
      )}
      <MessageInfoDialog message={info} author={info ? (info.sentBy?.id === me.id ? me.name : info.automated || info.sentBy ? authorOf(info) : t('info.phone')) : ''} onClose={() => setInfoId(null)} />
    </div>
  );
}

/** "Hoy", "Ayer" or the date. */
function dayLabel(at: number, t: ReturnType<typeof useI18n>['t'], fmt: ReturnType<typeof useI18n>['fmt']): string {
  const d = new Date(at).toDateString();
  const now = new Date();
  if (d === now.toDateString()) return t('thread.today');
  if (d === new Date(now.getTime() - 86_400_000).toDateString()) return t('thread.yesterday');
  return fmt.date(at);
}
