import { describe, expect, it } from 'vitest';
import { messageTime } from './messageTime.ts';

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
