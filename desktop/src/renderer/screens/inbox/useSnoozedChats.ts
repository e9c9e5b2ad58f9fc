/**
 * Chats put aside ("Posponer"): listed apart (their count beside the filter, read again with
 * the chat list), and when the first of them wakes the user is reminded and the list is read
 * again, since the server leaves them out of it until then.
 */
import type { InboxChatView } from '@switchboard/shared';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { inboxApi } from './inboxApi.ts';
import type { InboxState } from './model/inboxReducer.ts';
import { nextWake } from './model/snooze.ts';
import type { NotifyPrefs } from './notify/prefs.ts';
import { useWakeNotifier } from './notify/useNotifier.ts';

/** What the provider needs of the list around it. */
interface SnoozeDeps {
  rest: ReturnType<typeof inboxApi>;
  state: InboxState;
  stateRef: RefObject<InboxState>;
  /** Changes whenever the chat list is read again (the snoozed ones are read with it). */
  listTick: number;
  reloadList(): void;
  prefs: NotifyPrefs;
}

/** The snoozed chats, the latest of them for event handlers, and a way to read them again alone. */
export function useSnoozedChats({ rest, state, stateRef, listTick, reloadList, prefs }: SnoozeDeps) {
  const [snoozedChats, setSnoozedChats] = useState<InboxChatView[]>([]);
  const [tick, setTick] = useState(0);
  const reloadSnoozed = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    const ctrl = new AbortController();
    rest.snoozed(ctrl.signal).then(
      (p) => setSnoozedChats(p.data),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [rest, tick, listTick]);
  const snoozedRef = useRef(snoozedChats);
  snoozedRef.current = snoozedChats;

  const notifyWake = useWakeNotifier(prefs);
  // Also re-armed after each wake, for the next one when nothing else changed.
  const [wakeTick, setWakeTick] = useState(0);
  useEffect(() => {
    const now = Date.now();
    const next = nextWake([...snoozedChats, ...state.chats.values()], now);
    if (next === null) return;
    const timer = setTimeout(() => {
      const at = Date.now();
      for (const c of [...snoozedRef.current, ...stateRef.current.chats.values()]) if (c.snoozedUntil !== null && c.snoozedUntil <= at) notifyWake(c);
      reloadList(); // reads the snoozed ones again too
      setWakeTick((n) => n + 1);
    }, Math.min(next - now + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [snoozedChats, state.chats, stateRef, reloadList, notifyWake, wakeTick]);

  return { snoozedChats, snoozedRef, reloadSnoozed };
}
