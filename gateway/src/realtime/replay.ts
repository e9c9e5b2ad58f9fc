import type { HubEvent, ReplayDoneEvent } from '@switchboard/shared';
import type { RealtimeSocket } from './clientState.ts';
import { wants } from './eventRouter.ts';
import { roomBelongsTo } from './rooms.ts';

/** Reads a session's stored events after a seq, oldest first. */
export type ReadEvents = (sessionId: string, afterSeq: number, limit: number) => Promise<HubEvent[]>;
/** The highest stored seq of a session (0 when it has none); `from`: a seq probably stored, where to start looking. */
export type LatestSeq = (sessionId: string, from?: number) => Promise<number>;

/** Parses `auth.lastSeq` into a clean map; anything that is not a finite seq ≥ 0 is ignored. */
export function parseLastSeq(raw: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [sid, seq] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 && sid.length > 0 && sid.length <= 200) out.set(sid, seq);
  }
  return out;
}

/**
 * Replays to one socket what it missed (events after its `lastSeq`, filtered by the same rules
 * as live delivery), page by page, then switches its feed to live. Live events that arrived
 * meanwhile were buffered by the feed and are flushed in order, without duplicates. A session
 * with more than `limit` missed events is not replayed but reported as truncated.
 */
export async function replayMissed(
  socket: RealtimeSocket,
  lastSeq: Map<string, number>,
  readEvents: ReadEvents,
  latestSeq: LatestSeq,
  limit: number,
  pageSize = 500,
): Promise<ReplayDoneEvent> {
  const { feed } = socket.data;
  const done: ReplayDoneEvent = { lastSeq: {}, truncated: [] };
  const replayed: string[] = [];
  for (const [sessionId, after] of lastSeq) {
    if (![...socket.rooms].some((room) => roomBelongsTo(room, sessionId))) continue;
    feed.setBaseline(sessionId, after);
    const pending: HubEvent[] = [];
    let cursor = after;
    let truncated = false;
    for (;;) {
      const page = await readEvents(sessionId, cursor, pageSize);
      pending.push(...page);
      if (pending.length > limit) {
        truncated = true;
        break;
      }
      if (page.length < pageSize) break;
      cursor = page[page.length - 1]!.seq;
    }
    if (truncated) {
      done.truncated.push(sessionId);
      continue;
    }
    if (pending.length === 0) {
      // A client ahead of the log (e.g. the database was restored from a backup) would drop
      // every new event as a duplicate: move its baseline back to what the log really has.
      const latest = await latestSeq(sessionId, after);
      if (latest < after) feed.setBaseline(sessionId, latest);
    }
    for (const event of pending) if (wants(socket, event)) feed.deliver(event);
    replayed.push(sessionId);
  }
  feed.goLive();
  // After the buffer flush, so the map covers every event sent before `replay-done`.
  for (const sessionId of replayed) done.lastSeq[sessionId] = feed.lastSeq(sessionId) ?? 0;
  return done;
}
