import { describe, expect, it } from 'vitest';
import { MinuteBuckets } from './messageRates.ts';

const MIN = 60_000;
const T0 = Date.parse('2025-03-01T10:00:00.000Z');

describe('MinuteBuckets', () => {
  it('reports the last hour minute by minute, oldest first, ending with the current minute', () => {
    let now = T0 + 30_000;
    const b = new MinuteBuckets(() => now);
    const series = b.series();
    expect(series).toHaveLength(60);
    expect(series[0]).toEqual({ minute: T0 - 59 * MIN, received: 0, sent: 0 });
    expect(series[59]).toEqual({ minute: T0, received: 0, sent: 0 });
    now += MIN;
    expect(b.series()[59]!.minute).toBe(T0 + MIN);
  });

  it('counts received and sent messages in the minute they happen', () => {
    let now = T0 + 1_000;
    const b = new MinuteBuckets(() => now);
    b.add('received');
    b.add('received');
    b.add('sent');
    now = T0 + 59_999;
    b.add('received');
    now = T0 + 2 * MIN + 5_000;
    b.add('sent');
    const tail = b.series().slice(-3);
    expect(tail).toEqual([
      { minute: T0, received: 3, sent: 1 },
      { minute: T0 + MIN, received: 0, sent: 0 },
      { minute: T0 + 2 * MIN, received: 0, sent: 1 },
    ]);
  });

  it('forgets minutes older than the window, also when their ring slot is reused', () => {
    let now = T0;
    const b = new MinuteBuckets(() => now, 3);
    b.add('received');
    now = T0 + 3 * MIN; // same slot as T0, one window later
    expect(b.series()).toEqual([
      { minute: T0 + MIN, received: 0, sent: 0 },
      { minute: T0 + 2 * MIN, received: 0, sent: 0 },
      { minute: T0 + 3 * MIN, received: 0, sent: 0 },
    ]);
    b.add('sent');
    expect(b.series()[2]).toEqual({ minute: T0 + 3 * MIN, received: 0, sent: 1 });
    now = T0 + 10 * MIN;
    expect(b.series().every((p) => p.received === 0 && p.sent === 0)).toBe(true);
  });
});
