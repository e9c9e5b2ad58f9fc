import { describe, expect, it } from 'vitest';
import { closedSince, isOpen, localClock, nextOpening, weekProblems, type WeekSchedule } from './businessHours.ts';

const r = (from: string, to: string) => ({ from, to });
// Monday to Friday 9–14 and 16–20 (a split shift), Saturday 10–14, Sunday closed.
const SHOP: WeekSchedule = [...Array.from({ length: 5 }, () => [r('09:00', '14:00'), r('16:00', '20:00')]), [r('10:00', '14:00')], []];
const at = (date: string, weekday: number, hhmm: string) => ({ date, weekday, minutes: Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) });

describe('business hours', () => {
  it('reads the wall clock of a time zone, Monday first, across a DST change', () => {
    // Wednesday 2 December 2026, 08:30 UTC = 09:30 in Madrid (CET).
    expect(localClock(Date.UTC(2026, 11, 2, 8, 30), 'Europe/Madrid')).toEqual({ date: '2026-12-02', weekday: 2, minutes: 9 * 60 + 30 });
    // Sunday 29 March 2026, 01:30 UTC = 03:30 in Madrid (CEST, the hour after the change).
    expect(localClock(Date.UTC(2026, 2, 29, 1, 30), 'Europe/Madrid')).toEqual({ date: '2026-03-29', weekday: 6, minutes: 3 * 60 + 30 });
    expect(localClock(Date.UTC(2026, 11, 2, 3, 0), 'America/Mexico_City')).toEqual({ date: '2026-12-01', weekday: 1, minutes: 21 * 60 });
  });

  it('is open inside a range, closed at its end, between the shifts and on a closed day', () => {
    expect(isOpen(SHOP, at('2026-12-02', 2, '09:00'))).toBe(true);
    expect(isOpen(SHOP, at('2026-12-02', 2, '13:59'))).toBe(true);
    expect(isOpen(SHOP, at('2026-12-02', 2, '14:00'))).toBe(false);
    expect(isOpen(SHOP, at('2026-12-02', 2, '15:00'))).toBe(false);
    expect(isOpen(SHOP, at('2026-12-06', 6, '11:00'))).toBe(false);
    expect(isOpen([[r('00:00', '24:00')], [], [], [], [], [], []], at('2026-11-30', 0, '23:59'))).toBe(true);
  });

  it('keys a closed stretch by when it began: the same all night and weekend long, another after the next opening', () => {
    expect(closedSince(SHOP, at('2026-12-02', 2, '10:00'))).toBeNull();
    expect(closedSince(SHOP, at('2026-12-02', 2, '15:00'))).toBe('2026-12-02 14:00');
    expect(closedSince(SHOP, at('2026-12-02', 2, '21:00'))).toBe('2026-12-02 20:00');
    expect(closedSince(SHOP, at('2026-12-03', 3, '08:59'))).toBe('2026-12-02 20:00');
    // Saturday 14:00 until Monday 09:00 is one stretch.
    expect(closedSince(SHOP, at('2026-12-05', 5, '18:00'))).toBe('2026-12-05 14:00');
    expect(closedSince(SHOP, at('2026-12-06', 6, '12:00'))).toBe('2026-12-05 14:00');
    expect(closedSince(SHOP, at('2026-12-07', 0, '08:00'))).toBe('2026-12-05 14:00');
    // Never open: one stretch a day.
    expect(closedSince([[], [], [], [], [], [], []], at('2026-12-07', 0, '08:00'))).toBe('2026-12-07');
  });

  it('says when it opens next', () => {
    expect(nextOpening(SHOP, at('2026-12-02', 2, '15:00'))).toEqual({ weekday: 2, time: '16:00', inDays: 0 });
    expect(nextOpening(SHOP, at('2026-12-02', 2, '21:00'))).toEqual({ weekday: 3, time: '09:00', inDays: 1 });
    expect(nextOpening(SHOP, at('2026-12-05', 5, '18:00'))).toEqual({ weekday: 0, time: '09:00', inDays: 2 });
    expect(nextOpening([[], [], [], [], [], [], []], at('2026-12-05', 5, '18:00'))).toBeNull();
  });

  it('refuses weeks that are not seven days of valid, ordered, separate ranges', () => {
    expect(weekProblems(SHOP)).toEqual([]);
    expect(weekProblems([[]])).toEqual(['A week has seven days, Monday first']);
    const bad = (day: unknown) => weekProblems([day, [], [], [], [], [], []]);
    expect(bad([r('9:00', '14:00')])).toEqual(['Day 0: times are HH:MM']);
    expect(bad([r('14:00', '09:00')])).toEqual(['Day 0: each range opens before it closes']);
    expect(bad([r('09:00', '14:00'), r('13:00', '15:00')])).toEqual(['Day 0: ranges overlap']);
    expect(bad([r('24:00', '24:00')])).toEqual(['Day 0: times are HH:MM']);
    expect(bad([r('00:00', '24:00')])).toEqual([]);
  });
});
