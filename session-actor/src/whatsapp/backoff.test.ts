import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff.ts';

describe('createBackoff', () => {
  it('grows the jitter ceiling exponentially up to the cap', () => {
    const b = createBackoff({ baseMs: 100, capMs: 1000, maxAttempts: 10, random: () => 0.999999 });
    const delays = Array.from({ length: 6 }, () => b.next());
    expect(delays).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('uses full jitter: a zero draw gives no delay', () => {
    const b = createBackoff({ baseMs: 100, capMs: 1000, maxAttempts: 3, random: () => 0 });
    expect(b.next()).toBe(0);
  });

  it('gives up after maxAttempts and starts over after reset', () => {
    const b = createBackoff({ baseMs: 10, capMs: 100, maxAttempts: 2, random: () => 0.5 });
    expect(b.next()).toBe(5);
    expect(b.next()).toBe(10);
    expect(b.next()).toBeNull();
    expect(b.attempts).toBe(2);
    b.reset();
    expect(b.attempts).toBe(0);
    expect(b.next()).toBe(5);
  });
});
