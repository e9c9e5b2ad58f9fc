/** A strong random password for a new account, from the browser's cryptographic generator. */

// No look-alikes (0/O, 1/l/I) so it can be read out or typed from a note.
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '-_.!?@#%+=';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

/** A uniformly random index below `n` (rejection sampling: no modulo bias). */
function randomBelow(n: number): number {
  const buf = new Uint32Array(1);
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    crypto.getRandomValues(buf);
    const v = buf[0] ?? 0;
    if (v < limit) return v % n;
  }
}

const pick = (set: string): string => set[randomBelow(set.length)] ?? '';

/** `length` characters (≥ 12) with at least one lower, upper, digit and symbol, shuffled. */
export function generatePassword(length = 16): string {
  const n = Math.max(12, length);
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < n) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomBelow(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
