import { describe, expect, it } from 'vitest';
import { MessageClock, messageTime } from './messageTime.ts';

describe('messageTime', () => {
  const second = 1_764_979_200; // a WhatsApp timestamp (seconds)

  it('places a message by its arrival within the second WhatsApp dated it', () => {
    expect(messageTime(second, second * 1000 + 420).getTime()).toBe(second * 1000 + 420);
    // So an answer in the same second as our reply (stamped to the ms) comes after it.
    const ourReply = second * 1000 + 300;
    expect(messageTime(second, second * 1000 + 310).getTime()).toBeGreaterThan(ourReply);
  });

  it('never leaves that second: a late arrival takes its end, a clock behind takes its start', () => {
    expect(messageTime(second, second * 1000 + 90_000).getTime()).toBe(second * 1000 + 999);
    expect(messageTime(second, second * 1000 - 5_000).getTime()).toBe(second * 1000);
  });
});

describe('MessageClock', () => {
  const second = 1_764_979_200;

  it('keeps a late burst of one chat in arrival order instead of stamping all of it with the second\'s end', () => {
    const clock = new MessageClock();
    const late = second * 1000 + 5_000;
    const stamps = [0, 1, 2, 3].map((i) => clock.stamp('a@s.whatsapp.net', second, late + i).getTime());
    expect(stamps).toEqual([second * 1000 + 999, second * 1000 + 1000, second * 1000 + 1001, second * 1000 + 1002]);
    // Another chat, or the next second, starts from its own time.
    expect(clock.stamp('b@s.whatsapp.net', second, late).getTime()).toBe(second * 1000 + 999);
    expect(clock.stamp('a@s.whatsapp.net', second + 1, (second + 1) * 1000 + 10).getTime()).toBe((second + 1) * 1000 + 10);
  });

  it('changes nothing for messages already in order, nor for an older message arriving late', () => {
    const clock = new MessageClock();
    expect(clock.stamp('a', second, second * 1000 + 100).getTime()).toBe(second * 1000 + 100);
    expect(clock.stamp('a', second, second * 1000 + 200).getTime()).toBe(second * 1000 + 200);
    expect(clock.stamp('a', second - 60, second * 1000 + 300).getTime()).toBe((second - 60) * 1000 + 999);
  });
});
