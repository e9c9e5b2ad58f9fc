import { describe, expect, it } from 'vitest';
import { DEFAULT_WEEK, isTime, normalizeTime, openState, weekdayNames, weekSummary } from './businessHoursModel.ts';

const r = (from: string, to: string) => ({ from, to });
const WORDS = { days: weekdayNames('es'), and: 'y', closed: 'cerrado' };

describe('business hours in the console', () => {
  it('names the days Monday first', () => {
    expect(weekdayNames('es')).toEqual(['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom']);
    expect(weekdayNames('en', 'long')[0]).toBe('Monday');
  });

  it('says the week in one line, days with the same hours together', () => {
    const shop = [...Array.from({ length: 5 }, () => [r('16:00', '20:00'), r('09:00', '14:00')]), [r('10:00', '14:00')], []];
    expect(weekSummary(shop, WORDS)).toBe('lun–vie 9:00–14:00 y 16:00–20:00 · sáb 10:00–14:00 · dom cerrado');
    expect(weekSummary(DEFAULT_WEEK, WORDS)).toBe('lun–vie 9:00–18:00 · sáb–dom cerrado');
    expect(weekSummary(Array.from({ length: 7 }, () => []), WORDS)).toBe('lun–dom cerrado');
  });

  it('reads times as people type them, 24 h', () => {
    expect(['9', '09', '930', '0930', '9:30', '9.30', '17:05', '1730', '24', '0', '9:5'].map(normalizeTime)).toEqual(['09:00', '09:00', '09:30', '09:30', '09:30', '09:30', '17:05', '17:30', '24:00', '00:00', '09:05']);
    expect(['25', '9:75', '24:30', 'nueve', ''].map(normalizeTime)).toEqual(['25', '9:75', '24:30', 'nueve', '']);
    expect(['09:00', '24:00', '23:59'].every(isTime)).toBe(true);
    expect(['9:00', '24:01', ''].some(isTime)).toBe(false);
  });

  it('says whether it is open now, until when, or when it opens', () => {
    // Wednesday 2 December 2026 at 12:00 and at 19:00 in Madrid (11:00 and 18:00 UTC).
    expect(openState(DEFAULT_WEEK, 'Europe/Madrid', Date.UTC(2026, 11, 2, 11))).toEqual({ open: true, until: '18:00', next: null });
    expect(openState(DEFAULT_WEEK, 'Europe/Madrid', Date.UTC(2026, 11, 2, 18))).toEqual({ open: false, until: null, next: { weekday: 3, time: '9:00', inDays: 1 } });
    expect(openState(Array.from({ length: 7 }, () => []), 'Europe/Madrid', Date.UTC(2026, 11, 2, 18)).next).toBeNull();
  });
});
