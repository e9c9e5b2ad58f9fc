import { describe, expect, it } from 'vitest';
import { minuteOf, summarize, window60 } from './rates.ts';

const T = Date.UTC(2026, 11, 3, 10, 30, 15);

describe('messages-per-minute series', () => {
  it('always has 60 minutes ending with the current one, zeros where the server had nothing', () => {
    const s = window60([{ minute: minuteOf(T) - 60_000, received: 3, sent: 1 }], T);
    expect(s).toHaveLength(60);
    expect(s[59]!.minute).toBe(minuteOf(T));
    expect(s[58]).toEqual({ minute: minuteOf(T) - 60_000, received: 3, sent: 1 });
    expect(s[0]!.received + s[0]!.sent).toBe(0);
  });

  it('drops minutes older than the window when time moves on', () => {
    const old = { minute: minuteOf(T) - 59 * 60_000, received: 9, sent: 9 };
    expect(window60([old], T)[0]).toEqual(old);
    expect(window60([old], T + 60_000).some((p) => p.received === 9)).toBe(false);
  });

  it('summarizes totals and the busiest minute', () => {
    const s = [
      { minute: 0, received: 2, sent: 3 },
      { minute: 60_000, received: 7, sent: 0 },
    ];
    expect(summarize(s)).toEqual({ received: 9, sent: 3, peak: 7 });
  });
});
