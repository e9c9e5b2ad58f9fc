import { AppError } from '../errors.ts';

/**
 * Per-account limits on sign-in and password recovery (the per-IP limiters cannot stop an
 * attacker who spreads guesses over many addresses). Keyed by the normalised email whether or
 * not an account has it, so the answers never tell which emails exist. In memory on this node,
 * like the per-IP limiters; a cluster shares nothing here (each node locks on its own count).
 * Time comes from the injected clock: tests move it instead of sleeping.
 */

/** "N within a window" counting with a lock: 10 failures in 15 minutes lock for 15 minutes. */
export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** Defaults: 10 failed sign-ins of one account within 15 minutes lock it for 15 minutes. */
export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Most keys kept (oldest dropped first), so a flood of made-up emails cannot grow memory without bound. */
const MAX_KEYS = 50_000;

/** Timestamps of recent events per key, oldest first, in insertion order (for eviction). */
class RecentEvents {
  private readonly byKey = new Map<string, number[]>();

  /** Events of `key` newer than `since` (older ones are dropped). */
  recent(key: string, since: number): number[] {
    const list = (this.byKey.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.byKey.delete(key);
    else this.byKey.set(key, list);
    return list;
  }

  /** Adds an event; returns the key's events newer than `since`. */
  add(key: string, at: number, since: number): number[] {
    const list = [...this.recent(key, since), at];
    this.byKey.delete(key);
    this.byKey.set(key, list);
    if (this.byKey.size > MAX_KEYS) this.byKey.delete(this.byKey.keys().next().value!);
    return list;
  }

  clear(key: string): void {
    this.byKey.delete(key);
  }
}

/** What recording a failed sign-in did. */
export interface FailureOutcome {
  /** True when this failure locked the account (tell its owner once). */
  lockedNow: boolean;
}

/** Failed sign-ins per account; `maxFailures` within `windowMs` lock the account for `lockMs`. */
export class AccountLockout {
  private readonly failures = new RecentEvents();
  private readonly lockedUntil = new Map<string, number>();

  constructor(
    private readonly policy: LockoutPolicy,
    private readonly now: () => Date,
  ) {}

  /** Milliseconds until `key` is unlocked; 0 when it is not locked. */
  lockedFor(key: string): number {
    const until = this.lockedUntil.get(key);
    if (until === undefined) return 0;
    const left = until - this.now().getTime();
    if (left > 0) return left;
    this.lockedUntil.delete(key);
    return 0;
  }

  /** Records a failed sign-in of `key`. */
  fail(key: string): FailureOutcome {
    const now = this.now().getTime();
    const recent = this.failures.add(key, now, now - this.policy.windowMs);
    if (recent.length < this.policy.maxFailures) return { lockedNow: false };
    this.failures.clear(key);
    this.lockedUntil.set(key, now + this.policy.lockMs);
    if (this.lockedUntil.size > MAX_KEYS) this.lockedUntil.delete(this.lockedUntil.keys().next().value!);
    return { lockedNow: true };
  }

  /** Forgets failures and any lock of `key` (a successful sign-in, a new password). */
  reset(key: string): void {
    this.failures.clear(key);
    this.lockedUntil.delete(key);
  }
}

/** At most `limit` events per key within `windowMs` (a sliding window). */
export class AccountQuota {
  private readonly events = new RecentEvents();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => Date,
  ) {}

  /** Counts one event of `key`; returns 0 when allowed, else the milliseconds until the next one is. */
  take(key: string): number {
    const now = this.now().getTime();
    const since = now - this.windowMs;
    const recent = this.events.recent(key, since);
    if (recent.length >= this.limit) return recent[0]! + this.windowMs - now;
    this.events.add(key, now, since);
    return 0;
  }
}

/** The per-account limiters of the gateway. */
export interface AccountLimits {
  login: AccountLockout;
  forgotPassword: AccountQuota;
}

/** Settings of the per-account limits. */
export interface AccountLimitSettings {
  lockout: LockoutPolicy;
  forgotPasswordPerHour: number;
}

/** Builds the per-account limiters on a clock. */
export function createAccountLimits(cfg: AccountLimitSettings, now: () => Date): AccountLimits {
  return {
    login: new AccountLockout(cfg.lockout, now),
    forgotPassword: new AccountQuota(cfg.forgotPasswordPerHour, 60 * 60_000, now),
  };
}

/** Whole seconds to wait, at least 1. */
export const retrySeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** 429 `account_locked`: too many failed sign-ins of this account; details carry the seconds to wait. */
export function accountLocked(ms: number): AppError {
  return new AppError(429, 'account_locked', 'Too many failed sign-ins: this account is locked for a while. Try again later or reset your password.', {
    retryAfterSeconds: retrySeconds(ms),
  });
}
