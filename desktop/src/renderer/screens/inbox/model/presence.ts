/**
 * What a contact is doing now, from their last presence (`presence` events): typing, recording a
 * voice note, online, or calling the account on WhatsApp. Each lasts a while after it was said
 * unless something newer replaces it (a call rings longer than anyone types without a word);
 * `paused` and anything else show nothing.
 */
export type LiveActivity = 'composing' | 'recording' | 'available' | 'calling';

const LASTS_MS: Record<LiveActivity, number> = { composing: 25_000, recording: 25_000, available: 25_000, calling: 60_000 };

/** Chats (by key) whose contact is typing or calling now: what the list says in place of the preview. */
export function liveActivities(presence: ReadonlyMap<string, { state: string; at: number }>, now: number): Map<string, 'composing' | 'calling'> {
  const out = new Map<string, 'composing' | 'calling'>();
  for (const [key, p] of presence) {
    const live = liveActivity(p, now);
    if (live === 'composing' || live === 'calling') out.set(key, live);
  }
  return out;
}

/** The words of each activity but being online (the header says *en línea* apart). */
export const LIVE_WORDS = { composing: 'thread.typing', recording: 'thread.recording', calling: 'thread.calling' } as const;

/** The activity to show for a presence reported at `at` (ms), or null. */
export function liveActivity(p: { state: string; at: number } | undefined, now: number): LiveActivity | null {
  if (!p || !Object.hasOwn(LASTS_MS, p.state)) return null;
  const state = p.state as LiveActivity;
  return now - p.at < LASTS_MS[state] ? state : null;
}
