/**
 * Down times of the timeline: a disconnection followed by a reconnection, how long it lasted
 * and how many incoming messages were sent meanwhile (WhatsApp queues them and delivers them
 * right after the reconnection). Pure; readTimeline.ts feeds it from the event log.
 */
import type { TimelineEntry } from '@switchboard/shared';

/**
 * How many events past the reconnection are searched for the messages queued during a gap:
 * WhatsApp delivers them first thing after reconnecting, so the search stays a bounded seq range.
 */
export const OFFLINE_WINDOW_EVENTS = 500;

/** A disconnection on the page (newest first), with the reconnection that ended it when known. */
export interface Gap {
  /** Index in the page of the entry that started the gap. */
  index: number;
  downSeq: number;
  /** ms since epoch */
  downAt: number;
  upSeq: number | null;
  upAt: number | null;
}

/** A gap that ended with a reconnection. */
export type ClosedGap = Gap & { upSeq: number; upAt: number };

/** An incoming-message event of the log, reduced to what the gap count needs. */
export interface GapMessage {
  seq: number;
  id: string;
  fromMe: boolean;
  /** WhatsApp's timestamp of the message, ms (whole seconds). */
  timestamp: number;
}

/**
 * Gaps of a page given newest first: an entry that is not `connected` right after a `connected`
 * one (its older neighbour; `older` is the entry just past the page) starts a gap, and the
 * nearest newer `connected` entry ends it (null when not on the page).
 */
export function findGaps(page: readonly TimelineEntry[], older?: TimelineEntry): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 0; i < page.length; i++) {
    const entry = page[i]!;
    const before = page[i + 1] ?? older;
    if (entry.kind === 'connected' || before?.kind !== 'connected') continue;
    const up = page.slice(0, i).findLast((e) => e.kind === 'connected');
    gaps.push({ index: i, downSeq: entry.seq, downAt: Date.parse(entry.at), upSeq: up?.seq ?? null, upAt: up ? Date.parse(up.at) : null });
  }
  return gaps;
}

/** True when the gap's reconnection is known. */
export function isClosed(gap: Gap): gap is ClosedGap {
  return gap.upSeq !== null && gap.upAt !== null;
}

/**
 * WhatsApp dates messages to the second (the actor places each within its second by arrival):
 * gaps compare messages by that second, so a message of the second the session went down or
 * came back counts.
 */
const floorSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/**
 * Bounds of the message events worth reading for these gaps (one `$or` clause each): after the
 * disconnection, up to OFFLINE_WINDOW_EVENTS past the reconnection, sent while down.
 */
export function gapMessageRanges(gaps: readonly ClosedGap[]): { seq: { $gt: number; $lt: number }; 'payload.message.timestamp': { $gte: number; $lte: number } }[] {
  return gaps.map((g) => ({
    seq: { $gt: g.downSeq, $lt: g.upSeq + OFFLINE_WINDOW_EVENTS },
    'payload.message.timestamp': { $gte: floorSecond(g.downAt), $lte: floorSecond(g.upAt) + 999 },
  }));
}

/**
 * Distinct incoming messages per gap (same order as `gaps`): delivered after the disconnection
 * and within the window past the reconnection, sent between the disconnection's second and
 * the reconnection. A message counts once (events are delivered at least once) and in one gap.
 */
export function countGapMessages(gaps: readonly ClosedGap[], messages: readonly GapMessage[]): number[] {
  const seen = gaps.map(() => new Set<string>());
  const counted = new Set<string>();
  for (const m of messages) {
    if (m.fromMe || counted.has(m.id)) continue;
    const i = gaps.findIndex(
      (g) => m.seq > g.downSeq && m.seq < g.upSeq + OFFLINE_WINDOW_EVENTS && floorSecond(m.timestamp) >= floorSecond(g.downAt) && floorSecond(m.timestamp) <= g.upAt,
    );
    if (i < 0) continue;
    seen[i]!.add(m.id);
    counted.add(m.id);
  }
  return seen.map((s) => s.size);
}

/** The page with `downMs` and `messagesDuringGap` on each entry that started a closed gap. */
export function withGapFigures(page: readonly TimelineEntry[], gaps: readonly ClosedGap[], counts: readonly number[]): TimelineEntry[] {
  const out = [...page];
  gaps.forEach((g, i) => {
    out[g.index] = { ...out[g.index]!, downMs: Math.max(0, g.upAt - g.downAt), messagesDuringGap: counts[i] ?? 0 };
  });
  return out;
}
