/**
 * The messages to several conversations of the last days (`GET /api/broadcasts`), kept current:
 * read again when one of their sends moves (`scheduled-message` with a `batchId`) and when the
 * connection is back live (those events are not replayed).
 */
import type { BroadcastSummaryView } from '@switchboard/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRealtime, useSocketEvent } from '../../../realtime/RealtimeProvider.tsx';
import type { InboxApi } from '../inboxApi.ts';

/** How long the sends' announcements are gathered before the list is read again. */
const BURST_MS = 300;

/** The list (empty until read). */
export function useRecentBroadcasts(rest: InboxApi): { list: BroadcastSummaryView[] } {
  const [list, setList] = useState<BroadcastSummaryView[]>([]);
  const [tick, setTick] = useState(0);
  const { state } = useRealtime();
  const reload = useCallback(() => setTick((n) => n + 1), []);
  // A batch announces each of its sends (a hundred at once when made): read once for a burst.
  const soon = useRef<ReturnType<typeof setTimeout> | null>(null);
  useSocketEvent('scheduled-message', (e) => {
    if (!e.batchId || soon.current) return;
    soon.current = setTimeout(() => {
      soon.current = null;
      reload();
    }, BURST_MS);
  });
  useEffect(() => () => void (soon.current && clearTimeout(soon.current)), []);
  useEffect(() => {
    if (state !== 'live') return;
    const ctrl = new AbortController();
    rest.recentBroadcasts(ctrl.signal).then(
      (l) => setList(l),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [rest, tick, state]);
  return { list };
}
