import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seqTracker.ts';

describe('SeqTracker', () => {
  it('keeps the highest seq per session and rejects repeats', () => {
    const t = new SeqTracker({ a: 3 });
    expect(t.observe({ sessionId: 'a', seq: 3 })).toBe(false);
    expect(t.observe({ sessionId: 'a', seq: 4 })).toBe(true);
    expect(t.observe({ sessionId: 'b', seq: 1 })).toBe(true);
    expect(t.observe({ sessionId: 'a', seq: 2 })).toBe(false);
    expect(t.lastSeq()).toEqual({ a: 4, b: 1 });
  });

  it('accepts the server moving a stale baseline back', () => {
    const t = new SeqTracker({ a: 900 });
    t.reset({ a: 12 });
    expect(t.observe({ sessionId: 'a', seq: 13 })).toBe(true);
  });
});
