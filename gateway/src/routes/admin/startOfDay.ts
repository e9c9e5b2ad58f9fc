/**
 * When the day containing an instant began in a time zone (its local midnight), for *Mensajes
 * hoy*: from the zone's own clock at that instant, so a device whose clock is off still counts
 * its day. Pure.
 */

/** The wall clock of `timeZone` at `ms`, read back as if it were UTC (ms). */
function wallClock(ms: number, f: Intl.DateTimeFormat): { wall: number; day: number } {
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, Number(x.value)])) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  return { wall: Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second), day: Date.UTC(p.year, p.month - 1, p.day) };
}

/** The instant (ms) the day containing `at` began in `timeZone` (an IANA name). */
export function startOfDayIn(at: number, timeZone: string): number {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
  const now = Math.floor(at / 1000) * 1000;
  const { wall, day } = wallClock(now, f);
  // Midnight at today's offset; if the clocks changed since (a DST night), at that night's.
  const guess = day - (wall - now);
  const there = wallClock(guess, f);
  return day - (there.wall - guess);
}
