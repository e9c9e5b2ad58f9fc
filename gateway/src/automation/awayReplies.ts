/**
 * The automatic replies (*Mensajes automáticos*): a caller whose call the session declined gets
 * its call message once per call (client key `call:<call id>`); a customer who writes to a session while the
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
import { sessionRules } from './sessionRules.ts';

/** How long a session's rule is trusted before it is read again (a change made on this node applies at once). */
const RULE_TTL_MS = 10_000;
/** Messages older than this when they arrive (a backlog after a reconnection) get no away reply. */
const FRESH_MS = 10 * 60_000;
/** Settled client keys remembered, at most (a few MB at worst). */
const SETTLED_MAX = 20_000;

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
  /** Sent to whoever called when the session declined their call ('' sends nothing). */
  callMessage: string;
}

/** True for a one-to-one chat (not a group, a broadcast, a channel). */
const oneToOne = (chatId: string) => chatId.endsWith('@s.whatsapp.net') || chatId.endsWith('@lid');

/** Starts answering customers who write while their session's business is closed. */
export function watchAwayReplies(opts: AwayReplyOptions): AwayReplier {
  const now = opts.now ?? Date.now;
  const rules = sessionRules<CachedRule>(async (sessionId) => {
    const doc = await BusinessHours.findOne({ sessionId }).lean();
    return { enabled: !!doc?.enabled && !!doc.awayMessage, greeting: doc?.greetingEnabled && doc.greetingMessage ? doc.greetingMessage : null, timeZone: doc?.timeZone ?? 'UTC', week: doc?.week ? weekOf(doc.week) : [], message: doc?.awayMessage ?? '', since: doc?.updatedAt?.getTime() ?? 0, callMessage: doc?.rejectCalls ? (doc.callMessage ?? '') : '' };
  }, RULE_TTL_MS, now);
  /**
   * Client keys already settled on this node — sent, or (`greet:` keys) a chat found not new — so
   * a customer's later messages cost no database request (the outbox's SendKey stays the
   * guarantee across nodes and restarts). Oldest forgotten first.
   */
  const settled = new Map<string, 'sent' | 'not_new'>();
  const settle = (key: string, outcome: 'sent' | 'not_new') => {
    settled.set(key, outcome);
    if (settled.size > SETTLED_MAX) settled.delete(settled.keys().next().value!);
  };
  /** Sends an automatic message once per client key; whether this call sent it. */
  const sendOnce = async (sessionId: string, chatId: string, text: string, clientId: string): Promise<'sent' | 'already_sent'> => {
    if (settled.get(clientId) === 'sent') return 'already_sent';
    const accepted = await opts.hub.send(sessionId, { to: chatId, kind: 'text', text, clientId, automated: true });
    settle(clientId, 'sent');
    return accepted.duplicate ? 'already_sent' : 'sent';
  };
  const decided = (d: AwayDecision) => opts.onDecision?.(d);

  /** Greets a customer whose conversation began just now (they wrote first, after the greeting was set), once per chat. */
  const greet = async (sessionId: string, chatId: string, rule: CachedRule): Promise<AwayDecision['greeted']> => {
    const key = `greet:${chatId}`;
    if (settled.get(key) === 'not_new') return undefined;
    if (!settled.has(key)) {
      const chat = await Chat.findOne({ sessionId, jid: chatId }, { createdAt: 1, lastOutboundAt: 1 }).lean();
      const born = chat?.createdAt?.getTime() ?? 0;
      // Both times are this side's clocks (no second-resolution slack as for WhatsApp's).
      if (!chat || chat.lastOutboundAt || born < rule.since || born < now() - FRESH_MS) {
        // Not new now is not new for good (it only ages); a chat not stored yet is looked at again.
        if (chat) settle(key, 'not_new');
        return undefined;
      }
    }
    return sendOnce(sessionId, chatId, rule.greeting!, key);
  };

  const decide = async (sessionId: string, chatId: string, at: number): Promise<void> => {
    const rule = await rules.get(sessionId);
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
    decided({ sessionId, chatId, reason: await sendOnce(sessionId, chatId, rule.message, clientId), clientId, ...also });
  };

  /** A call the session declined: the caller gets its message, once per call. */
  const answerCall = async (sessionId: string, chatId: string, callId: string): Promise<void> => {
    const { callMessage } = await rules.get(sessionId);
    if (callMessage) await sendOnce(sessionId, chatId, callMessage, `call:${callId}`);
  };

  const onEvent = (e: HubEvent): void => {
    if (e.type !== 'message') return;
    const m = e.message;
    if (!isCustomersNewMessage(m) || !oneToOne(m.chatId)) return;
    if (opts.owns && !opts.owns(e.sessionId)) return;
    if (m.call?.outcome === 'rejected') answerCall(e.sessionId, m.chatId, m.id).catch((err: unknown) => opts.logger.warn({ err, sessionId: e.sessionId }, 'call reply failed'));
    decide(e.sessionId, m.chatId, m.timestamp).catch((err: unknown) => opts.logger.warn({ err, sessionId: e.sessionId }, 'away reply failed'));
  };

  const unsubscribe = opts.hub.subscribe(onEvent);
  return {
    stop: unsubscribe,
    ruleChanged: (sessionId) => rules.forget(sessionId),
  };
}
