/**
 * Retry policy of webhook deliveries: exponential backoff with full jitter (a random delay
 * between 0 and min(cap, base·2^(attempt-1))), given up once a delivery has been pending
 * longer than `maxAgeMs`. Pure: the caller passes the clock and the random source.
 */

/** Backoff settings. */
export interface RetryPolicy {
  /** Ceiling of the first retry's delay. */
  baseMs: number;
  /** Largest ceiling of any delay. */
  capMs: number;
  /** Retries stop this long after the delivery was queued (then it is `failed`). */
  maxAgeMs: number;
}

/** 1 s doubling to 1 h, for 24 h. */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1_000, capMs: 3_600_000, maxAgeMs: 24 * 3_600_000 };

/** Delay before the retry that follows failed attempt number `attempt` (1-based). */
export function retryDelay(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'capMs'>, random: () => number): number {
  // 2^attempt overflows to Infinity for huge attempt counts; min() keeps the cap.
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** What to do after a failed attempt: retry at a time, or give up. */
export type RetryDecision = { retryAt: number } | { giveUp: true };

/**
 * After failed attempt `attempt` of a delivery queued at `queuedAt`: the next attempt's time,
 * or give up once the delivery is `maxAgeMs` old (so attempts span at least that long).
 */
export function decideRetry(attempt: number, queuedAt: number, now: number, policy: RetryPolicy, random: () => number): RetryDecision {
  if (now - queuedAt >= policy.maxAgeMs) return { giveUp: true };
  return { retryAt: now + retryDelay(attempt, policy, random) };
}
