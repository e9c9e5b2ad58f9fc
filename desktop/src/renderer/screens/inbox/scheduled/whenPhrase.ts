/**
 * When a scheduled reply goes, as people say it: "hoy, 17:04", "mañana, 9:00", "el 8 dic 2026,
 * 9:00" — the day in words when it is today or tomorrow on this device's calendar.
 */
import type { I18n } from '../../../i18n/index.tsx';

/** Calendar days from `now` to `at` on the local calendar (0 today, 1 tomorrow). */
export function daysAhead(at: number, now: number): number {
  const day = (ms: number) => {
    const d = new Date(ms);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  };
  return Math.round((day(at) - day(now)) / 86_400_000);
}

/** Hour and minute ("9:00"), one formatter per language. */
const clocks = new Map<string, Intl.DateTimeFormat>();
const clockOf = (locale: string): Intl.DateTimeFormat => {
  let f = clocks.get(locale);
  if (!f) clocks.set(locale, (f = new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { hour: 'numeric', minute: '2-digit' })));
  return f;
};

/** The phrase for `at` in the user's language. */
export function whenPhrase(at: number, now: number, { t, fmt, locale }: Pick<I18n, 't' | 'fmt' | 'locale'>): string {
  const time = clockOf(locale).format(at);
  const days = daysAhead(at, now);
  if (days === 0) return t('when.today', { time });
  if (days === 1) return t('when.tomorrow', { time });
  return t('when.date', { date: fmt.dateTime(at) });
}

/** Roughly when, for a time a few hours ahead: "hacia las 17:04" today, else as `whenPhrase` says it. */
export function aroundPhrase(at: number, now: number, i18n: Pick<I18n, 't' | 'fmt' | 'locale'>): string {
  return daysAhead(at, now) === 0 ? i18n.t('when.around', { time: clockOf(i18n.locale).format(at) }) : whenPhrase(at, now, i18n);
}
