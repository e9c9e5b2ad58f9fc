/**
 * How many chats the team has replies scheduled in (or one that could not go): the count beside
 * *Con envío programado* in the list's filters. Read again whenever a chat's scheduled replies
 * change anywhere (`chat-scheduled`) and when the list is read again.
 */
import { useEffect, useState } from 'react';
import { useSocketEvent } from '../../../realtime/RealtimeProvider.tsx';
import type { InboxApi } from '../inboxApi.ts';

/** The count (0 until known). */
export function useScheduledCount(rest: InboxApi, listKey: unknown): number {
  const [count, setCount] = useState(0);
  const [tick, setTick] = useState(0);
  useSocketEvent('chat-scheduled', () => setTick((n) => n + 1));
  useEffect(() => {
    const ctrl = new AbortController();
    rest.scheduledCount(ctrl.signal).then(
      (n) => setCount(n),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [rest, tick, listKey]);
  return count;
}
