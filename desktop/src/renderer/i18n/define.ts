/**
 * Message bundles: every area of the app declares its Spanish text (the source) and an English
 * translation that must have exactly the same keys (a compile error otherwise).
 */

/** The languages of the console (same as users' `locale`). */
export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** One area's messages in both languages. */
export interface Bundle<K extends string> {
  es: Record<K, string>;
  en: Record<K, string>;
}

/** Declares an area's messages; `en` must translate every key of `es` and nothing else. */
export function defineMessages<const T extends Record<string, string>>(es: T, en: { [K in keyof T]: string }): Bundle<Extract<keyof T, string>> {
  return { es, en } as Bundle<Extract<keyof T, string>>;
}
