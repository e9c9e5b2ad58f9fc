import { describe, expect, it } from 'vitest';
import { daysOf, localDay, periodRange, shortDuration } from './reportPeriod.ts';

// Local times (the device's zone, whatever it is here): Sunday 6 December 2026, 15:30.
const NOW = new Date(2026, 11, 6, 15, 30);
const local = (y: number, m: number, d: number) => new Date(y, m - 1, d).getTime();

describe('periodRange', () => {
  it('gives whole local days, today included in the last n days', () => {
    expect(periodRange('today', NOW)).toEqual({ from: local(2026, 12, 6), to: local(2026, 12, 7) });
    expect(periodRange('yesterday', NOW)).toEqual({ from: local(2026, 12, 5), to: local(2026, 12, 6) });
    expect(periodRange('7d', NOW)).toEqual({ from: local(2026, 11, 30), to: local(2026, 12, 7) });
    expect(periodRange('30d', NOW)).toEqual({ from: local(2026, 11, 7), to: local(2026, 12, 7) });
  });

  it('knows months, across a year', () => {
    expect(periodRange('month', NOW)).toEqual({ from: local(2026, 12, 1), to: local(2026, 12, 7) });
    expect(periodRange('lastMonth', NOW)).toEqual({ from: local(2026, 11, 1), to: local(2026, 12, 1) });
    expect(periodRange('lastMonth', new Date(2027, 0, 10))).toEqual({ from: local(2026, 12, 1), to: local(2027, 1, 1) });
  });

  it('takes two dates, both included, and refuses what is not a period', () => {
    expect(periodRange('custom', NOW, { from: '2026-11-01', to: '2026-11-15' })).toEqual({ from: local(2026, 11, 1), to: local(2026, 11, 16) });
    expect(periodRange('custom', NOW, { from: '2026-11-15', to: '2026-11-15' })).toEqual({ from: local(2026, 11, 15), to: local(2026, 11, 16) });
    expect(periodRange('custom', NOW, { from: '2026-11-15', to: '2026-11-01' })).toBeNull();
    expect(periodRange('custom', NOW, { from: '', to: '2026-11-01' })).toBeNull();
    expect(periodRange('custom', NOW)).toBeNull();
  });
});

describe('daysOf', () => {
  it('lists every day of the period, empty ones too', () => {
    expect(daysOf(periodRange('7d', NOW)!)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(daysOf(periodRange('today', NOW)!)).toEqual(['2026-12-06']);
    expect(localDay(NOW.getTime())).toBe('2026-12-06');
  });
});

describe('shortDuration', () => {
  it('reads as people say it', () => {
    expect(shortDuration(45_000)).toBe('45 s');
    expect(shortDuration(12 * 60_000 + 20_000)).toBe('12 min');
    expect(shortDuration(59 * 60_000 + 50_000)).toBe('1 h');
    expect(shortDuration(125 * 60_000)).toBe('2 h 5 min');
    expect(shortDuration(76 * 3_600_000)).toBe('3 d 4 h');
    expect(shortDuration(48 * 3_600_000)).toBe('2 d');
  });
});
