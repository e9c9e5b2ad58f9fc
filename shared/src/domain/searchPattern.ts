/** `text` with every regular-expression character escaped. */
export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Letters that Spanish (and Portuguese, French…) write with or without an accent. */
const FOLDS: readonly string[] = ['aáàâäã', 'eéèêë', 'iíìîï', 'oóòôöõ', 'uúùûü', 'nñ', 'cç'];
const CLASS_OF = new Map<string, string>(FOLDS.flatMap((letters) => [...letters].map((ch) => [ch, `[${letters}]`] as const)));

/**
 * A regular expression (for `$regex` with the `i` option) that finds `text` inside a string,
 * literally, whatever the accents: "informacion" finds "Información", "José" finds "JOSE".
 * Users type without accents on phones and keyboards that make them hard; the database has no
 * accent-insensitive collation on the embedded engine, so the pattern carries the folding.
 * The server searches with it and the inbox highlights with it, so both agree on a match.
 */
export function searchPattern(text: string): string {
  return [...escapeRegex(text)].map((ch) => CLASS_OF.get(ch.toLowerCase()) ?? ch).join('');
}
