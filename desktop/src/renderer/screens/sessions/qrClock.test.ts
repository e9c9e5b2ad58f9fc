import { describe, expect, it } from 'vitest';
import { FIRST_QR_MS, NEXT_QR_MS, nextQr, secondsLeft } from './qrClock.ts';

describe('QR validity clock', () => {
  it('gives the first QR of a series 60 s and each follow-up 20 s', () => {
    const a = nextQr(null, 'ref-1', 1_000);
    expect(a.expiresAt).toBe(1_000 + FIRST_QR_MS);
    const b = nextQr(a, 'ref-2', 61_000);
    expect(b.expiresAt).toBe(61_000 + NEXT_QR_MS);
    const c = nextQr(b, 'ref-3', 81_000);
    expect(c.expiresAt).toBe(81_000 + NEXT_QR_MS);
  });

  it('treats a QR long after the last one as the start of a new series', () => {
    const a = nextQr(null, 'ref-1', 0);
    const later = nextQr(a, 'ref-x', 200_000);
    expect(later.expiresAt).toBe(200_000 + FIRST_QR_MS);
  });

  it('keeps the clock when the same QR is delivered twice (REST and socket)', () => {
    const a = nextQr(null, 'ref-1', 0);
    expect(nextQr(a, 'ref-1', 5_000)).toBe(a);
  });

  it('counts whole seconds down to zero and never below', () => {
    const a = nextQr(null, 'q', 0);
    expect(secondsLeft(a, 0)).toBe(60);
    expect(secondsLeft(a, 59_001)).toBe(1);
    expect(secondsLeft(a, 70_000)).toBe(0);
    expect(secondsLeft(a, -500)).toBe(60); // a clock read just before the QR arrived

  });
});
