/**
 * "Posponer": the times offered for putting a chat aside, computed from the local clock (the
 * agent's day), and whether a chat is put aside now.
 */

/** One offered time. */
export interface SnoozePreset {
  key: 'hour' | 'threeHours' | 'tomorrow' | 'nextWeek';
  at: number;
}

/** Hour of the day at which "tomorrow" and "next week" start. */
export const MORNING_HOUR = 9;

const atMorning = (d: Date, addDays: number): number => {
  const x = new Date(d);
  x.setDate(x.getDate() + addDays);
  x.setHours(MORNING_HOUR, 0, 0, 0);
  return x.getTime();
};

/** In an hour, in three hours, tomorrow at 9:00, next Monday at 9:00 (on a Sunday that is tomorrow: offered once). */
export function snoozePresets(now: Date): SnoozePreset[] {
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  const presets: SnoozePreset[] = [
    { key: 'hour', at: now.getTime() + 3600_000 },
    { key: 'threeHours', at: now.getTime() + 3 * 3600_000 },
    { key: 'tomorrow', at: atMorning(now, 1) },
    { key: 'nextWeek', at: atMorning(now, daysToMonday) },
  ];
  return presets.filter((p, i) => presets.findIndex((q) => q.at === p.at) === i);
}

/** True while the chat is put aside. */
export function isSnoozed(c: { snoozedUntil: number | null }, now: number): boolean {
  return c.snoozedUntil !== null && c.snoozedUntil > now;
}

/** The earliest time one of these chats wakes up, or null. */
export function nextWake(chats: Iterable<{ snoozedUntil: number | null }>, now: number): number | null {
  let next: number | null = null;
  for (const c of chats) if (c.snoozedUntil !== null && c.snoozedUntil > now && (next === null || c.snoozedUntil < next)) next = c.snoozedUntil;
  return next;
}
