/** Options of the in-actor reconnect backoff. */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** Consecutive failed attempts after which the actor gives up and lets the supervisor decide. */
  maxAttempts: number;
  /** Injectable for tests; returns a number in [0, 1). */
  random?: () => number;
}

/** Exponential backoff with full jitter; `reset()` after a successful open. */
export interface Backoff {
  /** Delay before the next attempt, or null when the attempts are exhausted. */
  next(): number | null;
  reset(): void;
  readonly attempts: number;
}

/** Creates a backoff: attempt n waits a random delay in [0, min(cap, base·2ⁿ)). */
export function createBackoff(opts: BackoffOptions): Backoff {
  const random = opts.random ?? Math.random;
  let attempts = 0;
  return {
    next() {
      if (attempts >= opts.maxAttempts) return null;
      const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** attempts);
      attempts += 1;
      return Math.floor(random() * ceiling);
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}
