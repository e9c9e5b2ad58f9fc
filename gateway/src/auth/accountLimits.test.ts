import { describe, expect, it } from 'vitest';
import { AccountLockout, AccountQuota, accountLocked, DEFAULT_LOCKOUT } from './accountLimits.ts';

/** A clock the test moves by hand. */
function fakeClock(start = Date.parse('2026-03-01T10:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const MIN = 60_000;

describe('account lockout', () => {
  it('locks an account after 10 failures within 15 minutes, for 15 minutes', () => {
    const clock = fakeClock();
    const lock = new AccountLockout(DEFAULT_LOCKOUT, clock.now);
    for (let i = 0; i < 9; i++) {
      expect(lock.fail('ana@x.test')).toEqual({ lockedNow: false });
      clock.advance(MIN);
    }
    expect(lock.lockedFor('ana@x.test')).toBe(0);
    expect(lock.fail('ana@x.test')).toEqual({ lockedNow: true });
    expect(lock.lockedFor('ana@x.test')).toBe(15 * MIN);
    expect(lock.lockedFor('bob@x.test')).toBe(0);
    clock.advance(15 * MIN - 1);
    expect(lock.lockedFor('ana@x.test')).toBe(1);
    clock.advance(1);
    expect(lock.lockedFor('ana@x.test')).toBe(0);
    // The count started over with the lock: one more failure does not lock again.
    expect(lock.fail('ana@x.test')).toEqual({ lockedNow: false });
  });

  it('forgets failures older than the window', () => {
    const clock = fakeClock();
    const lock = new AccountLockout(DEFAULT_LOCKOUT, clock.now);
    for (let i = 0; i < 9; i++) lock.fail('ana@x.test');
    clock.advance(15 * MIN + 1);
    expect(lock.fail('ana@x.test')).toEqual({ lockedNow: false });
  });

  it('is cleared by a successful sign-in or a new password', () => {
    const clock = fakeClock();
    const lock = new AccountLockout({ maxFailures: 2, windowMs: MIN, lockMs: MIN }, clock.now);
    lock.fail('ana@x.test');
    lock.fail('ana@x.test');
    expect(lock.lockedFor('ana@x.test')).toBeGreaterThan(0);
    lock.reset('ana@x.test');
    expect(lock.lockedFor('ana@x.test')).toBe(0);
    expect(lock.fail('ana@x.test')).toEqual({ lockedNow: false });
  });

  it('answers 429 account_locked with whole seconds to wait', () => {
    expect(accountLocked(1500)).toMatchObject({ status: 429, code: 'account_locked', details: { retryAfterSeconds: 2 } });
    expect(accountLocked(1)).toMatchObject({ details: { retryAfterSeconds: 1 } });
  });
});

describe('account quota', () => {
  it('allows N events per sliding window and says when the next one is', () => {
    const clock = fakeClock();
    const quota = new AccountQuota(3, 60 * MIN, clock.now);
    expect(quota.take('ana@x.test')).toBe(0);
    clock.advance(10 * MIN);
    expect(quota.take('ana@x.test')).toBe(0);
    expect(quota.take('ana@x.test')).toBe(0);
    expect(quota.take('ana@x.test')).toBe(50 * MIN);
    expect(quota.take('bob@x.test')).toBe(0);
    clock.advance(50 * MIN);
    expect(quota.take('ana@x.test')).toBe(0);
    expect(quota.take('ana@x.test')).toBe(10 * MIN);
  });
});
