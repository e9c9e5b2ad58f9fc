/**
 * The automatic replies (*Mensajes automáticos*): a customer who writes to a session while the
 * business is closed gets the session's away message once per closed stretch — the night, the
 * weekend — however many messages they send; a customer who starts a conversation gets the
 * greeting once (client key `greet:<chat>`; a chat is new when it was created in the last 10
 * minutes, after the greeting was set, with nothing sent to it before: not one we started). From: actor → Supervisor's EventLog → hub.subscribe → here →
 * next: hub.send (the outbox, like any send) with `automated: true`, so the chat still waits for
 * a person's reply and reports leave it out.
 *
 * Exactly once: the send's client key is the chat and the moment the business closed
 * (`closedSince`), and the outbox accepts a client key once per session whatever node or restart
 * asks again. Only a customer's fresh message counts (written after the rule last changed and in
 * the last 10 minutes: a backlog delivered at reconnection gets none), in a one-to-one chat, with
 * the business closed at the time it was written. In cluster mode only the session's owner decides.
 */
import { closedSince, localClock, type HubEvent, type SessionHub, type WeekSchedule } from '@switchboard/shared';
import { BusinessHours, Chat, weekOf } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { isCustomersNewMessage } from './customerMessage.ts';

/** How long a session's rule is trusted before it is read again (a change made on this node applies at once). */
const RULE_TTL_MS = 10_000;
/** Messages older than this when they arrive (a backlog after a reconnection) get no away reply. */
const FRESH_MS = 10 * 60_000;

/** What was decided for a customer's message (tests wait for it). */
export interface AwayDecision {
  sessionId: string;
  chatId: string;
  reason: 'sent' | 'already_sent' | 'open' | 'off' | 'stale';
  /** The client key of the away reply (sent or already sent). */
  clientId?: string;
  /** The customer started the conversation just now and was greeted (or had been: the same greeting). */
  greeted?: 'sent' | 'already_sent';
}

/** Options of watchAwayReplies. */
export interface AwayReplyOptions {
  hub: Pick<SessionHub, 'subscribe' | 'send'>;
  logger: Logger;
  /** Cluster mode: whether this node owns the session (only the owner decides). */
  owns?: (sessionId: string) => boolean;
  onDecision?: (d: AwayDecision) => void;
  now?: () => number;
}

/** The watcher: stop it, or tell it a session's hours changed. */
export interface AwayReplier {
  stop(): void;
  ruleChanged(sessionId: string): void;
}

interface CachedRule {
  enabled: boolean;
  /** The greeting for new customers, or null when off. */
  greeting: string | null;
  timeZone: string;
  week: WeekSchedule;
  message: string;
  since: number;
  at: number;
}

/** True for a one-to-one chat (not a group, a broadcast, a channel). */
const oneToOne = (chatId: string) => chatId.endsWith('@s.whatsapp.net') || chatId.endsWith('@lid');

/** Starts answering customers who write while their session's business is closed. */
export function watchAwayReplies(opts: AwayReplyOptions): AwayReplier {
  const now = opts.now ?? Date.now;
  const rules = new Map<string, CachedRule>();

  const ruleOf = async (sessionId: string): Promise<CachedRule> => {
    const cached = rules.get(sessionId);
    if (cached && now() - cached.at < RULE_TTL_MS) return cached;
    const doc = await BusinessHours.findOne({ sessionId }).lean();
    const rule = { enabled: !!doc?.enabled && !!doc.awayMessage, greeting: doc?.greetingEnabled && doc.greetingMessage ? doc.greetingMessage : null, timeZone: doc?.timeZone ?? 'UTC', week: doc?.week ? weekOf(doc.week) : [], message: doc?.awayMessage ?? '', since: doc?.updatedAt?.getTime() ?? 0, at: now() };
    rules.set(sessionId, rule);
    return rule;
  };
  const decided = (d: AwayDecision) => opts.onDecision?.(d);

  /** Greets a customer whose conversation began just now (they wrote first, after the greeting was set), once per chat. */
  const greet = async (sessionId: string, chatId: string, rule: CachedRule): Promise<AwayDecision['greeted']> => {
    const chat = await Chat.findOne({ sessionId, jid: chatId }, { createdAt: 1, lastOutboundAt: 1 }).lean();
    const born = chat?.createdAt?.getTime() ?? 0;
    // Both times are this side's clocks (no second-resolution slack as for WhatsApp's).
    if (!chat || chat.lastOutboundAt || born < rule.since || born < now() - FRESH_MS) return undefined;
    const accepted = await opts.hub.send(sessionId, { to: chatId, kind: 'text', text: rule.greeting!, clientId: `greet:${chatId}`, automated: true });
    return accepted.duplicate ? 'already_sent' : 'sent';
  };

  const decide = async (sessionId: string, chatId: string, at: number): Promise<void> => {
    const rule = await ruleOf(sessionId);
    if (!rule.enabled && !rule.greeting) return decided({ sessionId, chatId, reason: 'off' });
    // WhatsApp's times have one-second resolution.
    if (at < rule.since - 1000 || at < now() - FRESH_MS) return decided({ sessionId, chatId, reason: 'stale' });
    // The greeting first: the away reply, when both go, follows it in the chat.
    const greeted = rule.greeting ? await greet(sessionId, chatId, rule) : undefined;
    const also = greeted ? { greeted } : {};
    if (!rule.enabled) return decided({ sessionId, chatId, reason: 'off', ...also });
    const since = closedSince(rule.week, localClock(at, rule.timeZone));
    if (since === null) return decided({ sessionId, chatId, reason: 'open', ...also });
    const clientId = `away:${since}:${chatId}`;
    const accepted = await opts.hub.send(sessionId, { to: chatId, kind: 'text', text: rule.message, clientId, automated: true });
    decided({ sessionId, chatId, reason: accepted.duplicate ? 'already_sent' : 'sent', clientId, ...also });
  };

  const onEvent = (e: HubEvent): void => {
    if (e.type !== 'message') return;
    const m = e.message;
    if (!isCustomersNewMessage(m) || !oneToOne(m.chatId)) return;
    if (opts.owns && !opts.owns(e.sessionId)) return;
    decide(e.sessionId, m.chatId, m.timestamp).catch((err: unknown) => opts.logger.warn({ err, sessionId: e.sessionId }, 'away reply failed'));
  };

  const unsubscribe = opts.hub.subscribe(onEvent);
  return {
    stop: unsubscribe,
    ruleChanged: (sessionId) => {
      rules.delete(sessionId);
    },
  };
}
