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
