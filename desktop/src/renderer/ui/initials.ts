/**
 * Up to two initials of a name for an avatar: the first letters of its first and last words,
 * skipping words that do not start with a letter or digit ("🌸 Ali" → "A", not half an emoji),
 * whole characters (never a broken surrogate); "?" when nothing is left.
 */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .map((w) => Array.from(w)[0] ?? '')
    .filter((c) => /^[\p{L}\p{N}]$/u.test(c));
  const first = words[0] ?? '';
  const last = words.length > 1 ? words[words.length - 1]! : '';
  return (first + last).toUpperCase() || '?';
}
