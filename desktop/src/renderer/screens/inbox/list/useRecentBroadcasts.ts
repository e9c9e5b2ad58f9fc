/**
 * The messages to several conversations of the last days (`GET /api/broadcasts`), kept current:
 * read again when one of their sends moves (`scheduled-message` with a `batchId`) and when the
 * connection is back live (those events are not replayed).
 */
import type { BroadcastSummaryView } from '@switchboard/shared';
import { useEffect, useRef } from 'react';
import { useResource } from '../../../hooks/useResource.ts';
import { useRealtime, useSocketEvent } from '../../../realtime/RealtimeProvider.tsx';
import type { InboxApi } from '../inboxApi.ts';

/** How long the sends' announcements are gathered before the list is read again. */
const BURST_MS = 300;

/** The list (empty until read). */
export function useRecentBroadcasts(rest: InboxApi): { list: BroadcastSummaryView[] } {
  const { state } = useRealtime();
  // Read again once the connection is live again (a read while it is down fails and keeps the last list).
  const res = useResource((signal) => rest.recentBroadcasts(signal), [rest, state === 'live']);
  // A batch announces each of its sends (a hundred at once when made): read once for a burst.
  const soon = useRef<ReturnType<typeof setTimeout> | null>(null);
  useSocketEvent('scheduled-message', (e) => {
    if (!e.batchId || soon.current) return;
    soon.current = setTimeout(() => {
      soon.current = null;
      res.reload();
    }, BURST_MS);
  });
  useEffect(() => () => void (soon.current && clearTimeout(soon.current)), []);
  return { list: res.data ?? [] };
}
