/**
 * Runs a database operation again while it fails with a transient fault (`isTransientDbError`):
 * exponential backoff from `baseMs`, capped at `capMs`, at most `maxAttempts` tries in all. A
 * permanent error, or the last transient one, is thrown. Used where a write must land or its
 * caller must stop (the actor's credentials, the supervisor's event log).
 */
import { isTransientDbError } from './transientError.ts';

/** How often and how patiently a transient fault is retried. */
export interface TransientRetryPolicy {
  baseMs: number;
  capMs: number;
  /** Tries in all, the first one included. */
  maxAttempts: number;
}

/** Options of one `retryTransient` call. */
export interface RetryTransientOptions extends TransientRetryPolicy {
  /** Called before each wait (for a log line). */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  /** Waits `ms`; a test may replace it. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Delay before try `attempt + 1` (attempt counts from 1). */
export function transientRetryDelay(policy: Pick<TransientRetryPolicy, 'baseMs' | 'capMs'>, attempt: number): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
}

/** `task()`, tried again on transient database faults; see the module comment. */
export async function retryTransient<T>(task: (attempt: number) => Promise<T>, options: RetryTransientOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task(attempt);
    } catch (err) {
      if (!isTransientDbError(err) || attempt >= options.maxAttempts) throw err;
      const delayMs = transientRetryDelay(options, attempt);
      options.onRetry?.(err, attempt, delayMs);
      await sleep(delayMs);
    }
  }
}
