/**
 * The needs-reply rule: a chat needs a reply when the customer's last message came after the
 * agents' last reply and after an agent last marked it as needing none. It drives badges and
 * notifications (not "opened", not "read").
 */

/** Times (ms) of the last incoming and outgoing message of a chat, and of its last "needs no reply". */
export interface ReplyClock {
  lastInboundAt: number | null;
  lastOutboundAt: number | null;
  handledAt?: number | null;
}

/** True when the last customer message is newer than the last reply and the last "needs no reply". */
export function needsReply(c: ReplyClock): boolean {
  return c.lastInboundAt !== null && c.lastInboundAt > Math.max(c.lastOutboundAt ?? 0, c.handledAt ?? 0);
}

/** The clock after a message at `at` (incoming unless `fromMe`). */
export function tick(c: ReplyClock, at: number, fromMe: boolean): ReplyClock {
  return fromMe
    ? { ...c, lastOutboundAt: Math.max(c.lastOutboundAt ?? 0, at) }
    : { ...c, lastInboundAt: Math.max(c.lastInboundAt ?? 0, at) };
}
