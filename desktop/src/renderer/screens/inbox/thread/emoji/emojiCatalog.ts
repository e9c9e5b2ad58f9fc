/**
 * The emoji picker's catalogue: Unicode's emoji with their names and keywords in the user's
 * language (emojibase's CLDR data), in the order phones show them, by category. Only emoji that
 * today's systems draw are offered (Emoji 14 and older: newer ones show as empty boxes on many
 * agents' screens), one per kind (no skin-tone variants, no regional letters or components).
 */

/** An emojibase `data.json` entry, as far as the picker reads it. */
export interface RawEmoji {
  label: string;
  hexcode: string;
  emoji: string;
  tags?: string[];
  group?: number;
  order?: number;
  version: number;
  /** The skin-tone variants: `tone` 1 (light) to 5 (dark), an array for several people. */
  skins?: { emoji: string; tone: number | number[] }[];
}

/** One emoji the picker offers. */
export interface CatalogEmoji {
  /** What goes into the message. */
  emoji: string;
  /** Its name in the user's language ("manos en oración"). */
  label: string;
  group: number;
  /** Its name and keywords, lower case and without accents, for the search. */
  words: string;
  /** The five skin tones of one that has them (light to dark). */
  tones?: string[];
}

/** `e` in skin tone `tone` (0: the default yellow, 1–5: light to dark) when it has tones. */
export function toned(e: CatalogEmoji, tone: number): string {
  return (tone > 0 && e.tones?.[tone - 1]) || e.emoji;
}

/** The five single-person tones of an emoji, in order, or undefined. */
function tonesOf(e: RawEmoji): string[] | undefined {
  const single = (e.skins ?? []).filter((s) => typeof s.tone === 'number').sort((a, b) => (a.tone as number) - (b.tone as number));
  return single.length === 5 ? single.map((s) => s.emoji) : undefined;
}

/** Emojibase's categories the picker shows, in its order (2, "components", is not one). */
export const EMOJI_GROUPS = [0, 1, 3, 4, 5, 6, 7, 8, 9] as const;
/** The newest Emoji version offered. */
export const MAX_EMOJI_VERSION = 14;

/** Lower case, without accents or variation selectors: "Corazón" and "corazon" match. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** The same emoji whether or not it carries a variation selector ("❤" and "❤️"). */
export function emojiKey(emoji: string): string {
  return emoji.replace(/\uFE0F/g, '');
}

/** The catalogue from emojibase's data, in display order. */
export function buildCatalog(raw: readonly RawEmoji[]): CatalogEmoji[] {
  return raw
    .filter((e) => e.group !== undefined && e.group !== 2 && e.version <= MAX_EMOJI_VERSION)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((e) => {
      const tones = tonesOf(e);
      return { emoji: e.emoji, label: e.label, group: e.group!, words: fold([e.label, ...(e.tags ?? [])].join(' ')), ...(tones ? { tones } : {}) };
    });
}

/**
 * The emoji whose name or keywords hold every word of `query` (accents and case ignored), those
 * whose name starts with it first, then in display order; at most `limit`.
 */
export function searchEmojis(catalog: readonly CatalogEmoji[], query: string, limit = 80): CatalogEmoji[] {
  const terms = fold(query).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  const whole = terms.join(' ');
  const hits = catalog.filter((e) => terms.every((t) => e.words.includes(t)));
  const first = hits.filter((e) => fold(e.label).startsWith(whole));
  const rest = hits.filter((e) => !fold(e.label).startsWith(whole));
  return [...first, ...rest].slice(0, limit);
}
