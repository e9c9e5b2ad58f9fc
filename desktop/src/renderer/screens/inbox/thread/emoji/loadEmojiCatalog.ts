/**
 * Loads the emoji catalogue of a locale once, on the first opening of the picker (the names are
 * a few hundred kilobytes the inbox does not need before).
 */
import type { Locale } from '../../../../i18n/index.tsx';
import { buildCatalog, type CatalogEmoji, type RawEmoji } from './emojiCatalog.ts';

const loaded = new Map<Locale, Promise<CatalogEmoji[]>>();

/** The catalogue with names in `locale` (Spanish for any other). */
export function loadEmojiCatalog(locale: Locale): Promise<CatalogEmoji[]> {
  let p = loaded.get(locale);
  if (!p) {
    const data = locale === 'en' ? import('emojibase-data/en/data.json') : import('emojibase-data/es/data.json');
    p = data.then((m) => buildCatalog(m.default as RawEmoji[]));
    // A failed load (an interrupted download) is tried again at the next opening.
    p.catch(() => loaded.delete(locale));
    loaded.set(locale, p);
  }
  return p;
}
