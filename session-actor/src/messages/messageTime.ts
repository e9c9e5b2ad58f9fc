/**
 * The time to store for a message WhatsApp dated `seconds` (its resolution) that reached us at
 * `arrivedMs`: the arrival time when it falls within that second, else the nearest edge of the
 * second. Our own sends are stamped to the millisecond, so without this a customer's answer in
 * the same second as our reply would sort before it and the chat would not need a reply; with
 * it, messages of one second keep the order they arrived in and never leave the second
 * WhatsApp gave.
 */
export function messageTime(seconds: number, arrivedMs: number): Date {
  const start = seconds * 1000;
  return new Date(Math.min(Math.max(arrivedMs, start), start + 999));
}

/** Chats whose last stamp is remembered (the least recently stamped are forgotten first). */
const REMEMBERED_CHATS = 5_000;

/**
 * The times of one actor's messages: `messageTime`, then strictly after the previous message of
 * the same chat that WhatsApp dated the same second. A burst handled after its second has ended
 * (a customer forwarding a dozen photos while the node is busy) would otherwise share that
 * second's last millisecond, and a page read back sorted by time would show it shuffled; now it
 * keeps the order it arrived in, spilling a few milliseconds past the second at most.
 */
export class MessageClock {
  private readonly last = new Map<string, { second: number; at: number }>();

  stamp(chatId: string, seconds: number, arrivedMs: number): Date {
    let at = messageTime(seconds, arrivedMs).getTime();
    const prev = this.last.get(chatId);
    if (prev && prev.second === seconds && at <= prev.at) at = prev.at + 1;
    this.last.delete(chatId);
    this.last.set(chatId, { second: seconds, at });
    if (this.last.size > REMEMBERED_CHATS) this.last.delete(this.last.keys().next().value!);
    return new Date(at);
  }
}
