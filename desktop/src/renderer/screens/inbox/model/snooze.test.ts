import { describe, expect, it } from 'vitest';
import { isSnoozed, nextWake, snoozePresets } from './snooze.ts';

describe('snooze presets', () => {
  it('offers an hour, three hours, tomorrow at 9:00 and next Monday at 9:00', () => {
    const wednesday = new Date(2026, 11, 2, 16, 30); // Wed 2 Dec 2026, 16:30 local
    const [hour, three, tomorrow, week] = snoozePresets(wednesday);
    expect(hour!.at - wednesday.getTime()).toBe(3600_000);
    expect(three!.at - wednesday.getTime()).toBe(3 * 3600_000);
    expect(new Date(tomorrow!.at)).toEqual(new Date(2026, 11, 3, 9, 0));
    expect(new Date(week!.at)).toEqual(new Date(2026, 11, 7, 9, 0));
  });

  it('on a Monday, next week is the Monday after', () => {
    const monday = new Date(2026, 11, 7, 8, 0);
    expect(new Date(snoozePresets(monday)[3]!.at)).toEqual(new Date(2026, 11, 14, 9, 0));
  });

  it('on a Sunday, tomorrow morning is next week: offered once', () => {
    const sunday = new Date(2026, 11, 6, 20, 0);
    expect(snoozePresets(sunday).map((p) => [p.key, new Date(p.at).getDate()])).toEqual([['hour', 6], ['threeHours', 6], ['tomorrow', 7]]);
  });
});

describe('snoozed chats', () => {
  it('are put aside until their time, and wake in order', () => {
    expect(isSnoozed({ snoozedUntil: 2000 }, 1000)).toBe(true);
    expect(isSnoozed({ snoozedUntil: 2000 }, 2000)).toBe(false);
    expect(isSnoozed({ snoozedUntil: null }, 1000)).toBe(false);
    expect(nextWake([{ snoozedUntil: 5000 }, { snoozedUntil: null }, { snoozedUntil: 3000 }, { snoozedUntil: 500 }], 1000)).toBe(3000);
    expect(nextWake([{ snoozedUntil: null }], 1000)).toBeNull();
  });
});
