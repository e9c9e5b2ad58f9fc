import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, decideRetry, retryDelay } from './backoff.ts';

const HOUR = 3_600_000;

describe('webhook retry backoff', () => {
  it('draws each delay between 0 and base·2^(attempt-1), capped (full jitter)', () => {
    const top = () => 0.999999;
    expect(retryDelay(1, DEFAULT_RETRY, top)).toBe(999);
    expect(retryDelay(2, DEFAULT_RETRY, top)).toBe(1_999);
    expect(retryDelay(5, DEFAULT_RETRY, top)).toBe(15_999);
    expect(retryDelay(13, DEFAULT_RETRY, top)).toBe(HOUR - 4); // 4096 s > 1 h: capped
    expect(retryDelay(5_000, DEFAULT_RETRY, top)).toBe(HOUR - 4);
    expect(retryDelay(3, DEFAULT_RETRY, () => 0)).toBe(0);
    expect(retryDelay(3, DEFAULT_RETRY, () => 0.5)).toBe(2_000);
  });

  it('retries until the delivery is 24 hours old, then gives up', () => {
    const queuedAt = 1_000_000;
    expect(decideRetry(1, queuedAt, queuedAt + 10, DEFAULT_RETRY, () => 0.5)).toEqual({ retryAt: queuedAt + 10 + 500 });
    expect(decideRetry(40, queuedAt, queuedAt + 24 * HOUR - 1, DEFAULT_RETRY, () => 0.5)).toEqual({ retryAt: queuedAt + 24 * HOUR - 1 + HOUR / 2 });
    expect(decideRetry(41, queuedAt, queuedAt + 24 * HOUR, DEFAULT_RETRY, () => 0.5)).toEqual({ giveUp: true });
  });

  it('keeps trying for at least the maximum age whatever the random draws', () => {
    for (const draw of [0.01, 0.3, 0.999999]) {
      const queuedAt = 0;
      let now = 0;
      let attempt = 0;
      for (;;) {
        attempt += 1;
        const d = decideRetry(attempt, queuedAt, now, DEFAULT_RETRY, () => draw);
        if ('giveUp' in d) break;
        now = d.retryAt;
      }
      expect(now).toBeGreaterThanOrEqual(DEFAULT_RETRY.maxAgeMs);
    }
  });
});
