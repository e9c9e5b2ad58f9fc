/**
 * Inbox rules shared by the gateway (REST presenters, filters) and the clients (live updates
 * from `chat-update` events): when a chat waits for an agent's reply, and which number a chat is.
 */

/** A time as stored (Date) or sent over the wire (ms since epoch); null or absent when unknown. */
export type InboxTime = Date | number | null | undefined;

/** The times the needs-reply rule reads (Chat.lastInboundAt / lastOutboundAt / handledAt). */
export interface ReplyTimes {
  lastInboundAt?: InboxTime;
  lastOutboundAt?: InboxTime;
  /** When an agent marked the chat as needing no reply ("gracias", "👍"); what came before it is handled. */
  handledAt?: InboxTime;
}

/** ms since epoch of an InboxTime, or null. */
export function inboxMs(t: InboxTime): number | null {
  if (t === null || t === undefined) return null;
  const ms = typeof t === 'number' ? t : t.getTime();
  return Number.isFinite(ms) ? ms : null;
}

/**
 * True when the customer's last message came after the last agent reply and after the chat was
 * last marked as needing no reply: `lastInboundAt > max(lastOutboundAt, handledAt)`. A chat with
 * no incoming message never needs one.
 */
export function needsReply(t: ReplyTimes): boolean {
  const inbound = inboxMs(t.lastInboundAt);
  if (inbound === null) return false;
  return inbound > Math.max(inboxMs(t.lastOutboundAt) ?? 0, inboxMs(t.handledAt) ?? 0);
}

/**
 * Whether the chat's last message (of the two directions) was ours; null when neither time is
 * known. On a tie the agent's message counts as last (it answers what came in that instant).
 * Marking a chat handled sends nothing, so it does not change this.
 */
export function lastMessageFromMe(t: ReplyTimes): boolean | null {
  const inbound = inboxMs(t.lastInboundAt);
  const outbound = inboxMs(t.lastOutboundAt);
  if (outbound === null) return inbound === null ? null : false;
  return inbound === null || outbound >= inbound;
}

/** The digits of a phone-number JID (`34600…@s.whatsapp.net`, device part ignored); null for groups, LIDs and others. */
export function phoneOfJid(jid: string | null | undefined): string | null {
  const m = /^(\d{5,20})(?::\d+)?@s\.whatsapp\.net$/.exec(jid ?? '');
  return m?.[1] ?? null;
}

/**
 * What to call someone a message names (a mention, a group change): the session's name for its
 * own account (`account`, when given), else their name, else `+` and their number; null when
 * none is known (a LID).
 */
export function partyLabel(p: { jid: string | null | undefined; name: string | null | undefined; isAccount?: true | undefined }, account?: string): string | null {
  const phone = phoneOfJid(p.jid);
  return (p.isAccount && account) || p.name || (phone ? `+${phone}` : null);
}

/** Who wrote an incoming group message, for display: their push name, else `+` and their number; null when neither is known. */
export function senderLabel(m: { pushName?: string | null | undefined; sender?: string | null | undefined }): string | null {
  return partyLabel({ jid: m.sender, name: m.pushName });
}

/**
 * Who a group's chat-list preview names before the words (as on the phone: "Diego: ¿abrís?"): a
 * member's message's author; null for our own messages (or when not known to be someone else's),
 * changes to the group and chats with one person.
 */
export function previewAuthor(m: { chatId?: string | undefined; fromMe?: boolean | undefined; kind: string; pushName?: string | null | undefined; sender?: string | null | undefined }): string | null {
  return m.chatId?.endsWith('@g.us') && m.fromMe === false && m.kind !== 'system' ? senderLabel(m) : null;
}
