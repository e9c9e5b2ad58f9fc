import { describe, expect, it } from 'vitest';
import { ttlCache } from './ttlCache.ts';

describe('ttlCache', () => {
  it('keeps an entry for its time to live after the last set, then forgets it', () => {
    let now = 1_000;
    const cache = ttlCache(300_000, () => now);
    const record = { chains: ['a'] };
    cache.set('session.bob.0', record);
    expect(cache.get('session.bob.0')).toBe(record); // the very object: no clone
    now += 299_999;
    expect(cache.get('session.bob.0')).toBe(record);
    cache.set('session.bob.0', record); // a set starts the time to live again
    now += 299_999;
    expect(cache.get('session.bob.0')).toBe(record);
    now += 1;
    expect(cache.get('session.bob.0')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('sweeps out expired entries nobody reads, at most once a minute, and deletes on demand', () => {
    let now = 0;
    const cache = ttlCache(1_000, () => now);
    for (let i = 0; i < 100; i++) cache.set(`pre-key.${i}`, i);
    now = 2_000;
    cache.set('session.x', 'x'); // less than a minute since the last sweep: nothing swept
    expect(cache.size).toBe(101);
    now = 60_000;
    cache.set('session.y', 'y');
    expect(cache.size).toBe(1);
    cache.del('session.y');
    cache.set('session.z', 'z');
    cache.flushAll();
    expect(cache.get('session.z')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
