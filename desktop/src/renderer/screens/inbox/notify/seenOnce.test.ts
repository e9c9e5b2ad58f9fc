import { describe, expect, it } from 'vitest';
import { SeenOnce } from './seenOnce.ts';

describe('SeenOnce', () => {
  it('says yes once per id, and forgets the oldest beyond its size', () => {
    const seen = new SeenOnce(2);
    expect([seen.first('a'), seen.first('a'), seen.first('b')]).toEqual([true, false, true]);
    expect(seen.first('c')).toBe(true);
    // 'a' was the oldest: forgotten.
    expect([seen.first('b'), seen.first('a')]).toEqual([false, true]);
  });
});
