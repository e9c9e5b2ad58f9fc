/**
 * Opening hours of a WhatsApp account (*Horario de atención*) and the rules the away reply and
 * the console share: whether the business is open at a time, since when it has been closed (the
 * key that lets a customer get one away reply per closed stretch), and when it opens next. All in
 * the business's own time zone, in wall-clock terms (a DST change moves nothing).
 */

/** One opening stretch of a day, `HH:MM` (24 h; `to` may be `24:00`), `from` before `to`. */
export interface TimeRange {
  from: string;
  to: string;
}

/** Seven days, Monday first; a day with no ranges is closed. */
export type WeekSchedule = TimeRange[][];

/** The business's wall clock at an instant. */
export interface LocalClock {
  /** `YYYY-MM-DD`. */
  date: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
/** Most ranges one day may have (a split shift is two). */
export const MAX_RANGES_PER_DAY = 4;

/** Minutes since midnight of `HH:MM`, or null when it is not one. */
export function minutesOf(hhmm: string): number | null {
  if (!HHMM.test(hhmm)) return null;
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** What is wrong with a week (empty when nothing): seven days, valid times, from before to, no overlaps. */
export function weekProblems(week: unknown): string[] {
  if (!Array.isArray(week) || week.length !== 7) return ['A week has seven days, Monday first'];
  const problems: string[] = [];
  week.forEach((day: unknown, i) => {
    if (!Array.isArray(day)) return problems.push(`Day ${i}: a list of ranges`);
    if (day.length > MAX_RANGES_PER_DAY) problems.push(`Day ${i}: at most ${MAX_RANGES_PER_DAY} ranges`);
    const ranges = (day as TimeRange[]).map((r) => [minutesOf(r?.from ?? ''), minutesOf(r?.to ?? '')] as const);
    if (ranges.some(([f, t]) => f === null || t === null || f === 24 * 60)) return problems.push(`Day ${i}: times are HH:MM`);
    if (ranges.some(([f, t]) => f! >= t!)) return problems.push(`Day ${i}: each range opens before it closes`);
    const sorted = [...ranges].sort((a, b) => a[0]! - b[0]!);
    if (sorted.some((r, j) => j > 0 && r[0]! < sorted[j - 1]![1]!)) problems.push(`Day ${i}: ranges overlap`);
    return undefined;
  });
  return problems;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `timeZone` (an IANA name) at `at` (ms). */
export function localClock(at: number, timeZone: string): LocalClock {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clocks.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(at)) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, weekday: WEEKDAYS[p.weekday!] ?? 0, minutes: (Number(p.hour) % 24) * 60 + Number(p.minute) };
}

/** True when a range of the day holds the clock's minute. */
export function isOpen(week: WeekSchedule, clock: LocalClock): boolean {
  return (week[clock.weekday] ?? []).some((r) => clock.minutes >= minutesOf(r.from)! && clock.minutes < minutesOf(r.to)!);
}

/** `YYYY-MM-DD` `days` before a date. */
function daysBefore(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! - days)).toISOString().slice(0, 10);
}

/**
 * When the business last closed (`YYYY-MM-DD HH:MM`, its wall clock) while it is closed; null
 * while open. The same for every message of one closed stretch, so it keys "one away reply per
 * customer per stretch". A schedule with no opening in the past week is closed for good: one per day.
 */
export function closedSince(week: WeekSchedule, clock: LocalClock): string | null {
  if (isOpen(week, clock)) return null;
  for (let back = 0; back <= 7; back++) {
    const ends = (week[(clock.weekday - back + 7 * 2) % 7] ?? []).map((r) => minutesOf(r.to)!).filter((end) => back > 0 || end <= clock.minutes);
    if (ends.length === 0) continue;
    const end = Math.max(...ends);
    const hhmm = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
    return `${daysBefore(clock.date, back)} ${hhmm}`;
  }
  return clock.date;
}

/** When the business opens next after the clock (weekday 0 = Monday, `HH:MM`, days ahead), or null for a week with no opening. */
export function nextOpening(week: WeekSchedule, clock: LocalClock): { weekday: number; time: string; inDays: number } | null {
  for (let ahead = 0; ahead <= 7; ahead++) {
    const weekday = (clock.weekday + ahead) % 7;
    const starts = (week[weekday] ?? []).map((r) => minutesOf(r.from)!).filter((start) => ahead > 0 || start > clock.minutes);
    if (starts.length === 0) continue;
    const start = Math.min(...starts);
    return { weekday, time: `${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`, inDays: ahead };
  }
  return null;
}
