/**
 * The chat list as a keyboard-first listbox: virtualised (thousands of chats scroll smoothly),
 * J/K or arrows move, Enter opens, Home/End jump; the active row is announced through
 * `aria-activedescendant`. Loads the next page when scrolled near the end. X (or *Seleccionar*)
 * picks chats to act on together: the list becomes multi-select, a click or Space or X ticks a
 * chat, Enter still opens it.
 */
import type { InboxChatView, LabelView } from '@switchboard/shared';
import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, useEffect, useImperativeHandle, useRef, type KeyboardEvent } from 'react';
import { useNow } from '../../../hooks/useResource.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { chatKey } from '../model/keys.ts';
import type { Draft, Drafts } from '../model/drafts.ts';
import type { DraftFiles } from '../useDrafts.ts';
import { summaryOf } from '../thread/MessageBubble.tsx';
import { ChatListItem } from './ChatListItem.tsx';
import type { AgentHere, AgentsByChat } from '../model/agentsHere.ts';

const NOBODY: readonly AgentHere[] = [];

/** What the inbox can do to the list from its global shortcuts. */
export interface ChatListHandle {
  focus(): void;
  move(delta: number): void;
  openActive(): void;
  /** Moves by `delta` and opens that chat (Alt+J / Alt+K from anywhere). */
  step(delta: number): void;
}

/** Props of ChatList. */
export interface ChatListProps {
  chats: InboxChatView[];
  openKey: string | null;
  activeIndex: number;
  setActiveIndex(i: number): void;
  onOpen(key: string): void;
  showAssignees: boolean;
  showSession: boolean;
  labelsById: ReadonlyMap<string, LabelView>;
  agentsByChat: AgentsByChat;
  /** Chats whose contact is typing or calling now. */
  activityByChat: ReadonlyMap<string, 'composing' | 'calling'>;
  /** Unsent replies by chat key (shown instead of the last message, except in the open chat). */
  drafts: Drafts;
  /** Files picked for an unsent reply, by chat key. */
  draftFiles?: DraftFiles;
  hasMore: boolean;
  onLoadMore(): void;
  /** The chats picked to act on together (the list is multi-select while it is given). */
  selection?: { checked: ReadonlySet<string>; toggle(key: string): void } | undefined;
  /** X outside selection: start picking, with this chat. */
  onStartSelection?(key: string): void;
}

const ROW = 76;

/** The virtualised chat listbox. */
export const ChatList = forwardRef<ChatListHandle, ChatListProps>(function ChatList(p, ref) {
  const { t } = useI18n();
  const now = useNow(60_000);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: p.chats.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 8 });
  const items = virtual.getVirtualItems();

  const move = (delta: number): number => {
    if (p.chats.length === 0) return -1;
    const next = Math.max(0, Math.min(p.chats.length - 1, p.activeIndex + delta));
    p.setActiveIndex(next);
    virtual.scrollToIndex(next, { align: 'auto' });
    return next;
  };
  const openActive = () => {
    const c = p.chats[p.activeIndex];
    if (c) p.onOpen(chatKey(c.sessionId, c.id));
  };
  const toggleActive = () => {
    const c = p.chats[p.activeIndex];
    if (!c) return;
    const key = chatKey(c.sessionId, c.id);
    if (p.selection) p.selection.toggle(key);
    else p.onStartSelection?.(key);
  };
  useImperativeHandle(ref, () => ({
    focus: () => scroller.current?.focus(),
    move: (d) => void move(d),
    openActive,
    step(delta) {
      const at = move(delta);
      const c = p.chats[at];
      if (c) p.onOpen(chatKey(c.sessionId, c.id));
    },
  }));

  // Near the end: fetch the next page.
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && p.hasMore && last.index >= p.chats.length - 10) p.onLoadMore();
  }, [last?.index, p.hasMore, p.chats.length]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return; // Ctrl+K is the command palette, Alt+J/K the screen's
    if (e.key === 'ArrowDown' || e.key === 'j') move(1);
    else if (e.key === 'ArrowUp' || e.key === 'k') move(-1);
    else if (e.key === 'Home') move(-p.chats.length);
    else if (e.key === 'End') move(p.chats.length);
    else if (e.key === 'x' || (e.key === ' ' && p.selection)) toggleActive();
    else if (e.key === 'Enter' || e.key === ' ') openActive();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const active = p.chats[p.activeIndex];
  return (
    <div
      ref={scroller}
      className="chat-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('inbox.chats')}
      aria-multiselectable={p.selection ? true : undefined}
      aria-activedescendant={active ? `chat-opt-${p.activeIndex}` : undefined}
      onKeyDown={onKey}
    >
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {items.map((v) => {
          const c = p.chats[v.index]!;
          const key = chatKey(c.sessionId, c.id);
          return (
            <div key={key} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${v.start}px)` }}>
              <ChatListItem
                chat={c}
                id={`chat-opt-${v.index}`}
                selected={p.selection ? p.selection.checked.has(key) : key === p.openKey}
                checked={p.selection ? p.selection.checked.has(key) : undefined}
                active={v.index === p.activeIndex}
                showAssignees={p.showAssignees}
                showSession={p.showSession}
                labelsById={p.labelsById}
                agents={p.agentsByChat.get(key) ?? NOBODY}
                activity={p.activityByChat.get(key) ?? null}
                now={now}
                draft={key === p.openKey ? undefined : draftPreview(p.drafts.get(key), p.draftFiles?.get(key), t)}
                onOpen={() => {
                  p.setActiveIndex(v.index);
                  if (p.selection) p.selection.toggle(key);
                  else p.onOpen(key);
                }}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
});

/**
 * What the list shows of a chat's draft: its text, or, with none typed yet, the message it will
 * quote; files picked for it add a 📎 (and the first one's name when nothing else is there).
 */
export function draftPreview(d: Draft | undefined, files: readonly File[] | undefined, t: ReturnType<typeof useI18n>['t']): string | undefined {
  const words = d?.text.trim() ? d.text : d?.quote ? `↩ ${summaryOf(d.quote, t)}` : undefined;
  if (!files?.length) return words;
  const more = files.length > 1 ? ` +${files.length - 1}` : '';
  return words ? `📎 ${words}` : `📎 ${files[0]!.name}${more}`;
}
