/**
 * The periods *Informes* offers, as [from, to) in ms, in the device's time zone (the one the
 * report's days are counted in): whole days, today included in "the last n days".
 */

/** The period presets, in menu order; `custom` takes two dates. */
export const PERIODS = ['today', 'yesterday', '7d', '30d', 'month', 'lastMonth', 'custom'] as const;
export type PeriodKey = (typeof PERIODS)[number];

/** A calendar date as a date input gives it (`YYYY-MM-DD`). */
export type DateString = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a date string; null when it is not one. */
function midnightOf(date: DateString): Date | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Local midnight `days` days after that of `d`. */
function dayStart(d: Date, days = 0): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days);
}

/** `YYYY-MM-DD` of a time in the device's time zone (the key the report's days use). */
export function localDay(ms: number): DateString {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** [from, to) of a preset at `now`, or of two dates (both included); null for dates that make no period. */
export function periodRange(key: PeriodKey, now: Date, custom?: { from: DateString; to: DateString }): { from: number; to: number } | null {
  const tomorrow = dayStart(now, 1);
  switch (key) {
    case 'today':
      return { from: dayStart(now).getTime(), to: tomorrow.getTime() };
    case 'yesterday':
      return { from: dayStart(now, -1).getTime(), to: dayStart(now).getTime() };
    case '7d':
      return { from: dayStart(now, -6).getTime(), to: tomorrow.getTime() };
    case '30d':
      return { from: dayStart(now, -29).getTime(), to: tomorrow.getTime() };
    case 'month':
      return { from: new Date(now.getFullYear(), now.getMonth(), 1).getTime(), to: tomorrow.getTime() };
    case 'lastMonth':
      return { from: new Date(now.getFullYear(), now.getMonth() - 1, 1).getTime(), to: new Date(now.getFullYear(), now.getMonth(), 1).getTime() };
    case 'custom': {
      const from = custom && midnightOf(custom.from);
      const last = custom && midnightOf(custom.to);
      if (!from || !last || last < from) return null;
      return { from: from.getTime(), to: dayStart(last, 1).getTime() };
    }
  }
}

/** Every day of [from, to) (`YYYY-MM-DD`), oldest first, so days without messages show as empty. */
export function daysOf(range: { from: number; to: number }): DateString[] {
  const out: DateString[] = [];
  for (let d = new Date(range.from); d.getTime() < range.to; d = dayStart(d, 1)) out.push(localDay(d.getTime()));
  return out;
}

/** A response time as people read it: "45 s", "12 min", "2 h 5 min", "3 d 4 h". */
export function shortDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
