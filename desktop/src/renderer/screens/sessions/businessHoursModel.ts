/**
 * The console's side of *Horario de atención*: the week a new schedule starts from, the week in
 * a sentence ("lun–vie 9:00–14:00 y 16:00–20:00 · sáb 10:00–14:00 · dom cerrado"), and whether
 * the business is open now and until / from when — the same rules as the server's away reply
 * (shared domain/businessHours.ts).
 */
import { isOpen, localClock, minutesOf, nextOpening, type TimeRange, type WeekSchedule } from '@switchboard/shared';

/** Monday to Friday 9:00–18:00: where a new schedule starts. */
export const DEFAULT_WEEK: WeekSchedule = [...Array.from({ length: 5 }, () => [{ from: '09:00', to: '18:00' }]), [], []];

/** The suggested away message. */
export const DEFAULT_AWAY: Record<'es' | 'en', string> = {
  es: '¡Hola! Gracias por escribirnos. Ahora mismo estamos cerrados; te responderemos en cuanto abramos.',
  en: 'Hi! Thanks for your message. We are closed right now; we will answer as soon as we open.',
};

/** The suggested greeting for new customers. */
/** The message suggested for callers whose call is declined. */
export const DEFAULT_CALL_MESSAGE: Record<'es' | 'en', string> = {
  es: 'Ahora no podemos atender llamadas por WhatsApp. Escríbenos por aquí y te respondemos enseguida.',
  en: "We can't take WhatsApp calls right now. Write to us here and we'll answer shortly.",
};

export const DEFAULT_GREETING: Record<'es' | 'en', string> = {
  es: '¡Hola! Gracias por escribirnos. Enseguida te atiende una persona del equipo.',
  en: 'Hi! Thanks for your message. Someone from the team will be with you shortly.',
};

/** Short weekday names, Monday first, in the locale ("lun", "mar"…). */
export function weekdayNames(locale: 'es' | 'en', style: 'short' | 'long' = 'short'): string[] {
  const f = new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { weekday: style, timeZone: 'UTC' });
  // 5 January 2026 was a Monday.
  return Array.from({ length: 7 }, (_, i) => f.format(Date.UTC(2026, 0, 5 + i)).replace(/\.$/, ''));
}

/**
 * A time as typed, as `HH:MM` (24 h): "9" → "09:00", "930" → "09:30", "9.30" or "9:5" → "09:30"
 * / "09:05", "24" → "24:00"; what is no time stays as typed (the field shows it wrong).
 */
export function normalizeTime(typed: string): string {
  const s = typed.trim();
  const m = /^(\d{1,2})(?:[:.h]?(\d{1,2}))?$/.exec(s);
  if (!m) return s;
  let [h, min] = [Number(m[1]), m[2] === undefined ? 0 : Number(m[2])];
  // Digits alone, three or four: "930" is 9:30, "1730" 17:30.
  if (/^\d{3,4}$/.test(s)) [h, min] = [Number(s.slice(0, -2)), Number(s.slice(-2))];
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return s;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** True for a valid `HH:MM` of the week (00:00–24:00). */
export const isTime = (s: string) => /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(s);

/** `9:00` for `09:00` (and `24:00` stays). */
const shortTime = (hhmm: string) => hhmm.replace(/^0(\d)/, '$1');

/** The ranges of a day in words ("9:00–14:00 y 16:00–20:00"), or null for a closed day. */
function dayText(ranges: readonly TimeRange[], and: string): string | null {
  if (ranges.length === 0) return null;
  const sorted = [...ranges].sort((a, b) => minutesOf(a.from)! - minutesOf(b.from)!);
  return sorted.map((r) => `${shortTime(r.from)}–${shortTime(r.to)}`).join(` ${and} `);
}

/** The week in one line: runs of days with the same hours together. */
export function weekSummary(week: WeekSchedule, words: { days: string[]; and: string; closed: string }): string {
  const texts = week.map((ranges) => dayText(ranges, words.and));
  const parts: string[] = [];
  for (let i = 0; i < 7; ) {
    let j = i;
    while (j + 1 < 7 && texts[j + 1] === texts[i]) j++;
    const days = i === j ? words.days[i] : `${words.days[i]}–${words.days[j]}`;
    parts.push(`${days} ${texts[i] ?? words.closed}`);
    i = j + 1;
  }
  return parts.join(' · ');
}

/** Whether the business is open at `at`, and the next change: when it closes (open) or opens (closed). */
export function openState(week: WeekSchedule, timeZone: string, at: number): { open: boolean; until: string | null; next: { weekday: number; time: string; inDays: number } | null } {
  const clock = localClock(at, timeZone);
  const open = isOpen(week, clock);
  if (open) {
    const range = (week[clock.weekday] ?? []).find((r) => clock.minutes >= minutesOf(r.from)! && clock.minutes < minutesOf(r.to)!)!;
    return { open, until: shortTime(range.to), next: null };
  }
  const next = nextOpening(week, clock);
  return { open, until: null, next: next ? { ...next, time: shortTime(next.time) } : null };
}
