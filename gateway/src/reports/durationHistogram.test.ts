import { describe, expect, it } from 'vitest';
import { DurationHistogram } from './durationHistogram.ts';

const close = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected) / expected).toBeLessThan(0.011);
};

describe('DurationHistogram', () => {
  it('has no quantiles while empty', () => {
    const h = new DurationHistogram();
    expect(h.count).toBe(0);
    expect(h.quantile(0.5)).toBeNull();
    expect(h.summary()).toBeNull();
  });

  it('finds the median and the 90th percentile by nearest rank, within 1%', () => {
    const h = new DurationHistogram();
    // 1 … 10 minutes: the median is the 5th (5 min), the 90th percentile the 9th (9 min).
    for (let m = 10; m >= 1; m--) h.add(m * 60_000);
    expect(h.count).toBe(10);
    close(h.summary()!.median, 5 * 60_000);
    close(h.summary()!.p90, 9 * 60_000);
  });

  it('keeps a single duration, short and long ones, and clock skew as zero', () => {
    const one = new DurationHistogram();
    one.add(42_000);
    close(one.quantile(0.5), 42_000);
    close(one.quantile(0.9), 42_000);

    const days = new DurationHistogram();
    days.add(3 * 86_400_000);
    close(days.quantile(0.5), 3 * 86_400_000);

    const skew = new DurationHistogram();
    skew.add(-5_000);
    skew.add(200);
    expect(skew.quantile(1)).toBeLessThan(1_000);
  });

  it('holds millions of durations in the same memory', () => {
    const h = new DurationHistogram();
    for (let i = 0; i < 1_000_000; i++) h.add(i < 990_000 ? 30_000 : 3_600_000);
    close(h.quantile(0.5), 30_000);
    close(h.quantile(0.99), 30_000);
    close(h.quantile(0.995), 3_600_000);
  });
});
