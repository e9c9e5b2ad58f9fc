/**
 * One message to several conversations (*Enviar mensaje* in the list's selection): the words
 * filled in for each chat's customer, grouped by WhatsApp account (each account sends its own
 * one after another, at the pace picked), and where the sends are once scheduled.
 */
import type { InboxChatView, ScheduledMessageView } from '@switchboard/shared';
import { fillCanned, firstName } from '../thread/cannedVariables.ts';

/** Seconds between two sends of one account the dialog offers (the first is the default). */
export const BROADCAST_PACES = [10, 30, 60, 300] as const;
/** Conversations of one account a message may go to at once (the server's limit). */
export const BROADCAST_PER_SESSION_MAX = 100;

/** What one account sends: each chat with its own words, in the list's order. */
export interface BroadcastPlan {
  sessionId: string;
  messages: { chatId: string; text: string }[];
}

/** `text` for `chat`: `{nombre}` its customer's first name (none in a group), `{agente}` the sender's, `{empresa}` the account's name. */
export function broadcastText(text: string, chat: Pick<InboxChatView, 'name' | 'isGroup' | 'sessionName'>, agent: string | null): string {
  return fillCanned(text, { contact: chat.isGroup ? null : firstName(chat.name), agent: firstName(agent), company: chat.sessionName ?? null }).trim();
}

/** The chats' messages, one plan per account, in the order the accounts first appear. */
export function broadcastPlans(chats: readonly InboxChatView[], text: string, agent: string | null): BroadcastPlan[] {
  const plans = new Map<string, BroadcastPlan>();
  for (const c of chats) {
    const plan = plans.get(c.sessionId) ?? { sessionId: c.sessionId, messages: [] };
    plan.messages.push({ chatId: c.id, text: broadcastText(text, c, agent) });
    plans.set(c.sessionId, plan);
  }
  return [...plans.values()];
}

/** When the last send goes (ms), the first going at `startAt`, or about a second from `now`. */
export function lastSendAt(plans: readonly BroadcastPlan[], everySeconds: number, now: number, startAt: number | null = null): number {
  const longest = Math.max(0, ...plans.map((p) => p.messages.length));
  return (startAt ?? now + 1000) + Math.max(0, longest - 1) * everySeconds * 1000;
}

/** True when an account has more chats than one message may go to. */
export function tooManyForOneAccount(plans: readonly BroadcastPlan[]): boolean {
  return plans.some((p) => p.messages.length > BROADCAST_PER_SESSION_MAX);
}

/** Longer than this before the first send: it waits behind another message to several conversations. */
const QUEUED_AFTER_MS = 5000;

/**
 * When the first send goes if none has gone and it waits behind the account's previous message
 * to several conversations (the server starts a batch after the last send of the one before), or
 * null when it goes as the dialog said: at once, or at the start picked (`startAt`).
 */
export function queuedUntil(sends: Iterable<Pick<ScheduledMessageView, 'status' | 'sendAt'>>, now: number, startAt: number | null = null): number | null {
  let first = Infinity;
  for (const s of sends) {
    if (s.status === 'sent') return null;
    if (s.status === 'scheduled') first = Math.min(first, s.sendAt);
  }
  return first !== Infinity && first > Math.max(now, startAt ?? 0) + QUEUED_AFTER_MS ? first : null;
}

/** How the sends of a broadcast stand. */
export interface BroadcastTally {
  sent: number;
  waiting: number;
  failed: number;
  cancelled: number;
}

/** Counts the sends by where they are (being handed over counts as waiting). */
export function tallyBroadcast(sends: Iterable<Pick<ScheduledMessageView, 'status'>>): BroadcastTally {
  const out: BroadcastTally = { sent: 0, waiting: 0, failed: 0, cancelled: 0 };
  for (const s of sends) {
    if (s.status === 'sent') out.sent += 1;
    else if (s.status === 'failed') out.failed += 1;
    else if (s.status === 'cancelled') out.cancelled += 1;
    else out.waiting += 1;
  }
  return out;
}
