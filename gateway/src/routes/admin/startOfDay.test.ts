import { describe, expect, it } from 'vitest';
import { startOfDayIn } from './startOfDay.ts';

describe('startOfDayIn', () => {
  it("is the zone's own midnight, whatever the UTC date", () => {
    // 00:30 in Madrid (winter, UTC+1) is still yesterday in UTC.
    expect(startOfDayIn(Date.parse('2026-12-07T23:30:00Z'), 'Europe/Madrid')).toBe(Date.parse('2026-12-07T23:00:00Z'));
    expect(startOfDayIn(Date.parse('2026-12-07T14:20:00Z'), 'Europe/Madrid')).toBe(Date.parse('2026-12-06T23:00:00Z'));
    expect(startOfDayIn(Date.parse('2026-12-07T14:20:00Z'), 'UTC')).toBe(Date.parse('2026-12-07T00:00:00Z'));
    expect(startOfDayIn(Date.parse('2026-12-07T03:00:00Z'), 'America/Mexico_City')).toBe(Date.parse('2026-12-06T06:00:00Z'));
  });

  it('finds midnight across a change of clocks that night', () => {
    // Madrid moves to summer time at 02:00 on 29 March 2026: midnight was still at UTC+1.
    expect(startOfDayIn(Date.parse('2026-03-29T12:00:00Z'), 'Europe/Madrid')).toBe(Date.parse('2026-03-28T23:00:00Z'));
    // And back on 25 October: midnight was at UTC+2.
    expect(startOfDayIn(Date.parse('2026-10-25T12:00:00Z'), 'Europe/Madrid')).toBe(Date.parse('2026-10-24T22:00:00Z'));
  });
});
