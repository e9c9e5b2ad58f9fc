import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { LockoutPolicy } from '../auth/accountLimits.ts';
import { tooManyRequests } from '../errors.ts';

/** Named limiters routes can ask for. */
export type LimiterName = 'login' | 'forgotPassword' | 'resetPassword' | 'send' | 'upload';

/** Points per window for each limiter (configurable; see docs/api.md). */
export interface RateLimitConfig {
  /** Per IP. */
  loginPerMinute: number;
  /** Per IP. */
  forgotPasswordPerHour: number;
  /** Per IP. */
  sendPerMinute: number;
  /** File uploads (uploads and multipart sends) per IP per minute (default 30). */
  uploadPerMinute?: number;
  /** Failed sign-ins of one account, from any IP, that lock it (default 10 in 15 minutes → 15 minutes). */
  accountLockout?: LockoutPolicy;
  /** Forgot-password requests per email address per hour, from any IP (default 5). */
  forgotPasswordPerAccountPerHour?: number;
}

/** Defaults used when the configuration does not override them. */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  loginPerMinute: 10,
  forgotPasswordPerHour: 5,
  sendPerMinute: 120,
  uploadPerMinute: 30,
  forgotPasswordPerAccountPerHour: 5,
};

/** In-memory limiters keyed by name (one node; a cluster would swap in a shared store). */
export type Limiters = Record<LimiterName, RateLimiterMemory>;

/** Builds the limiters from configuration. */
export function createLimiters(cfg: RateLimitConfig): Limiters {
  return {
    login: new RateLimiterMemory({ keyPrefix: 'login', points: cfg.loginPerMinute, duration: 60 }),
    forgotPassword: new RateLimiterMemory({ keyPrefix: 'forgot', points: cfg.forgotPasswordPerHour, duration: 3600 }),
    resetPassword: new RateLimiterMemory({ keyPrefix: 'reset', points: cfg.loginPerMinute, duration: 60 }),
    send: new RateLimiterMemory({ keyPrefix: 'send', points: cfg.sendPerMinute, duration: 60 }),
    upload: new RateLimiterMemory({ keyPrefix: 'upload', points: cfg.uploadPerMinute ?? DEFAULT_RATE_LIMITS.uploadPerMinute!, duration: 60 }),
  };
}

/** Consumes one point for `key`; throws a coded 429 when the limit is exhausted. */
export async function consume(limiters: Limiters, name: LimiterName, key: string): Promise<void> {
  try {
    await limiters[name].consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw tooManyRequests(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
    throw err;
  }
}
