/**
 * The chats picked in the list to act on together. Only chats still in the list count (a chat
 * that leaves it — filtered out, unassigned — is no longer picked).
 */
import type { InboxChatView } from '@switchboard/shared';
import { useMemo, useState } from 'react';
import { chatKey } from '../model/keys.ts';

/** The selection and what changes it. */
export interface ChatSelection {
  selecting: boolean;
  checked: ReadonlySet<string>;
  /** The picked chats, in list order. */
  chats: InboxChatView[];
  start(key?: string): void;
  stop(): void;
  toggle(key: string): void;
  /** Picks every chat in the list, or none when all are picked. */
  toggleAll(): void;
}

/** Selection state over the chats the list shows. */
export function useChatSelection(list: readonly InboxChatView[]): ChatSelection {
  const [selecting, setSelecting] = useState(false);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const chats = useMemo(() => list.filter((c) => picked.has(chatKey(c.sessionId, c.id))), [list, picked]);
  const checked = useMemo(() => new Set(chats.map((c) => chatKey(c.sessionId, c.id))), [chats]);
  const toggle = (key: string) =>
    setPicked((s) => {
      const next = new Set(s);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  return {
    selecting,
    checked,
    chats,
    start(key) {
      setSelecting(true);
      setPicked(new Set(key ? [key] : []));
    },
    stop() {
      setSelecting(false);
      setPicked(new Set());
    },
    toggle,
    toggleAll: () => setPicked(checked.size === list.length ? new Set() : new Set(list.map((c) => chatKey(c.sessionId, c.id)))),
  };
}
