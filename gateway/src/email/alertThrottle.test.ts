import { describe, expect, it } from 'vitest';
import { AlertThrottle } from './alertThrottle.ts';

const MIN = 60_000;
const policy = { perSessionCooldownMs: 30 * MIN, maxPerWindow: 2, windowMs: 60 * MIN };

describe('AlertThrottle', () => {
  it('emails a session at most once per cooldown', () => {
    const t = new AlertThrottle<string>(policy);
    expect(t.offer('a', 'a1', 0)).toBe('send');
    expect(t.offer('a', 'a2', 29 * MIN)).toBe('suppress');
    expect(t.offer('a', 'a3', 30 * MIN)).toBe('send');
    expect(t.digestDueAt()).toBeNull();
  });

  it('holds alerts past the cap and releases them as one digest when the window has room', () => {
    const t = new AlertThrottle<string>(policy);
    expect(t.offer('a', 'a', 0)).toBe('send');
    expect(t.offer('b', 'b', 1 * MIN)).toBe('send');
    expect(t.offer('c', 'c', 2 * MIN)).toBe('hold');
    expect(t.offer('d', 'd', 3 * MIN)).toBe('hold');
    // A held session is still on cooldown: no second entry in the digest.
    expect(t.offer('c', 'c again', 4 * MIN)).toBe('suppress');
    expect(t.digestDueAt()).toBe(60 * MIN);
    expect(t.takeDigest(59 * MIN)).toBeNull();
    expect(t.takeDigest(60 * MIN)).toEqual(['c', 'd']);
    expect(t.digestDueAt()).toBeNull();
    // The digest counts as one email: with b (1 min) and the digest (60 min) in the window, e waits for b to age out.
    expect(t.offer('e', 'e', 60 * MIN + 30_000)).toBe('hold');
    expect(t.digestDueAt()).toBe(61 * MIN);
    expect(t.takeDigest(61 * MIN)).toEqual(['e']);
  });
});
