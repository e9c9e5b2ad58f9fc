/**
 * Translation for the whole renderer: `useI18n()` gives `t(key, vars)`, the active locale, a
 * setter, and formatters (dates, relative times, numbers, bytes) in that locale. Spanish is the
 * default; the signed-in user's `locale` wins, and the choice is remembered on this device.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { tellShellLanguage } from './shellLanguage.ts';
import type { Locale } from './define.ts';
import { MESSAGES, type MessageKey } from './messages/index.ts';

export type { Locale } from './define.ts';
export { LOCALES } from './define.ts';
export type { MessageKey } from './messages/index.ts';

/** Values interpolated into `{name}` placeholders. */
export type Vars = Record<string, string | number>;

/** Keys that have `.one` and `.other` forms (plurals). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

/** Translates a key into the locale, filling `{placeholders}`; unknown keys fall back to Spanish, then the key. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text: string = MESSAGES[locale][key] ?? MESSAGES.es[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** True when `key` is a known message key (e.g. an error code mapped to text). */
export function hasMessage(key: string): key is MessageKey {
  return key in MESSAGES.es;
}

/** Formatters bound to a locale. */
export interface Formatters {
  dateTime(v: number | string | Date): string;
  time(v: number | string | Date): string;
  date(v: number | string | Date): string;
  relative(v: number | string | Date, now?: number): string;
  number(n: number): string;
  bytes(n: number | null | undefined): string;
  duration(ms: number): string;
  /** "Ana, Luis y Eva" (the locale's "and"). */
  list(items: readonly string[]): string;
}

const toDate = (v: number | string | Date): Date => (v instanceof Date ? v : new Date(v));

/** Builds the formatters of a locale (Intl, so output matches what people expect in their language). */
export function formatters(locale: Locale): Formatters {
  const tag = locale === 'es' ? 'es-ES' : 'en-GB';
  const dt = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const tm = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const dd = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  const rel = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
  const num = new Intl.NumberFormat(tag);
  const one = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const and = new Intl.ListFormat(tag, { type: 'conjunction' });
  return {
    dateTime: (v) => dt.format(toDate(v)),
    time: (v) => tm.format(toDate(v)),
    date: (v) => dd.format(toDate(v)),
    relative(v, now = Date.now()) {
      const diff = toDate(v).getTime() - now;
      const abs = Math.abs(diff);
      if (abs < 45_000) return rel.format(0, 'second');
      if (abs < 3_600_000) return rel.format(Math.round(diff / 60_000), 'minute');
      if (abs < 86_400_000) return rel.format(Math.round(diff / 3_600_000), 'hour');
      return rel.format(Math.round(diff / 86_400_000), 'day');
    },
    number: (n) => num.format(n),
    list: (items) => and.format(items),
    bytes(n) {
      if (n == null) return '—';
      const units = ['B', 'KB', 'MB', 'GB'];
      let v = n;
      let i = 0;
      while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i += 1;
      }
      return `${one.format(v)} ${units[i]}`;
    },
    duration(ms) {
      const s = Math.max(0, Math.round(ms / 1000));
      if (s < 60) return `${s} s`;
      const m = Math.floor(s / 60);
      if (m < 60) return `${m} min ${s % 60} s`;
      const h = Math.floor(m / 60);
      if (h < 48) return `${h} h ${m % 60} min`;
      return `${Math.floor(h / 24)} d ${h % 24} h`;
    },
  };
}

/** What `useI18n()` returns. */
export interface I18n {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: MessageKey, vars?: Vars): string;
  /** A plural message: `<key>.one` for 1, `<key>.other` otherwise; `{count}` is the formatted number. */
  tn(key: PluralKey, count: number, vars?: Vars): string;
  fmt: Formatters;
}

const STORAGE_KEY = 'switchboard.locale';
const I18nContext = createContext<I18n | null>(null);

/** The locale remembered on this device, else the browser's language when Spanish or English, else Spanish. */
export function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'es' || saved === 'en') return saved;
  } catch {
    /* storage unavailable */
  }
  const nav = globalThis.navigator?.language?.slice(0, 2);
  return nav === 'en' ? 'en' : 'es';
}

/** Provides translation to the tree. */
export function I18nProvider({ children, locale: forced }: { children: ReactNode; locale?: Locale }) {
  const [locale, setState] = useState<Locale>(forced ?? initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setState(l);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, l);
    } catch {
      /* storage unavailable */
    }
    document.documentElement.lang = l;
  }, []);
  // The desktop app starts its next run in this language, so its date and time fields match (appLanguage.ts).
  useEffect(() => tellShellLanguage(locale), [locale]);
  const value = useMemo<I18n>(() => {
    document.documentElement.lang = locale;
    const fmt = formatters(locale);
    return {
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      tn: (key, count, vars) => translate(locale, `${key}.${count === 1 ? 'one' : 'other'}` as MessageKey, { ...vars, count: fmt.number(count) }),
      fmt,
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The active translation. */
export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
