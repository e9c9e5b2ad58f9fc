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

/**
 * When the customer's wait began, after a change that left the chat needing a reply or not
 * (`needs`): kept while it goes on, `at` (the message that started it) when it starts, null once
 * answered — as the actor keeps ChatDoc.waitingSince.
 */
export function waitAfter(before: number | null, needs: boolean, at: number | null): number | null {
  if (!needs) return null;
  return before ?? at;
}

/** How long a customer has waited, compactly: "<1 min", "25 min", "3 h", "2 d". */
export function waitLabel(ms: number): string {
  const min = Math.floor(ms / 60_000);
  if (min < 1) return '<1 min';
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return h < 24 ? `${h} h` : `${Math.floor(h / 24)} d`;
}
