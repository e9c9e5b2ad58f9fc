/**
 * "Reparto automático": a customer's message in a chat nobody is assigned to, in a session whose
 * rule is enabled, assigns the chat to one of the rule's people (pickAssignee.ts: fewest
 * customers waiting, then longest since their last chat) — by default only among those with the
 * console open; with none of them there, the chat waits unassigned (and is handed out on the
 * customer's next message if someone is back). From: actor → Supervisor's EventLog →
 * hub.subscribe → here → next: Assignment, the audit log (`assignment.auto`, by nobody) and the
 * realtime layer (the assignee's inbox gets the chat at once).
 *
 * Only messages sent after the rule was last changed count: a history sync or a backlog
 * delivered at reconnection does not hand out old conversations.
 *
 * Cost: nothing for sessions without an enabled rule (rules are cached); in one with it, one
 * lookup per chat a minute to see whether it is assigned. In cluster mode only the node that
 * owns the session decides (`owns`), and one chat is decided once at a time on it.
 */
import type { HubEvent, SessionHub } from '@switchboard/shared';
import { Assignment, AuditLog, AutoAssignRule, Chat, User } from '@switchboard/shared/node';
import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import { pairKey } from '../routes/chatPairs.ts';
import { isCustomersNewMessage } from '../automation/customerMessage.ts';
import { sessionRules } from '../automation/sessionRules.ts';
import { pickAssignee, type Candidate } from './pickAssignee.ts';

/** How long a session's rule is trusted before it is read again (a change made on this node applies at once). */
const RULE_TTL_MS = 10_000;
/** How long "this chat has someone assigned" is trusted (a supervisor may unassign it). */
const ASSIGNED_TTL_MS = 60_000;
/** Chats remembered as assigned, at most. */
const ASSIGNED_MAX = 10_000;

/** What was decided for a chat (tests wait for it). */
export interface AutoAssignDecision {
  sessionId: string;
  chatId: string;
  /** Who got it; null when nobody did. */
  userId: string | null;
  reason: 'assigned' | 'already_assigned' | 'nobody_available' | 'off' | 'before_rule';
}

/** Options of watchAutoAssign. */
export interface AutoAssignOptions {
  hub: Pick<SessionHub, 'subscribe'>;
  logger: Logger;
  /** The chat was given to `userId`: move their sockets to its rooms, tell the consoles. */
  onAssigned(userId: string, sessionId: string, chatId: string): void;
  /** Users with the console open now (every node's, in cluster mode): for rules limited to them. */
  online(): Promise<readonly string[]>;
  /** Cluster mode: whether this node owns the session (only the owner decides). */
  owns?: (sessionId: string) => boolean;
  onDecision?: (d: AutoAssignDecision) => void;
  now?: () => number;
}

/** The watcher: stop it, or tell it a session's rule changed. */
export interface AutoAssigner {
  stop(): void;
  ruleChanged(sessionId: string): void;
}

interface CachedRule {
  enabled: boolean;
  userIds: Types.ObjectId[];
  onlineOnly: boolean;
  /** When the rule last changed (ms): messages older than that (a history sync) are not new chats. */
  since: number;
}

/** Starts distributing new chats of the sessions whose rule is enabled. */
export function watchAutoAssign(opts: AutoAssignOptions): AutoAssigner {
  const now = opts.now ?? Date.now;
  const assigned = new Map<string, number>();
  const busy = new Set<string>();
  const rules = sessionRules<CachedRule>(async (sessionId) => {
    const doc = await AutoAssignRule.findOne({ sessionId }, { enabled: 1, userIds: 1, onlineOnly: 1, updatedAt: 1 }).lean();
    return { enabled: !!doc?.enabled, userIds: doc?.userIds ?? [], onlineOnly: doc?.onlineOnly ?? true, since: doc?.updatedAt?.getTime() ?? 0 };
  }, RULE_TTL_MS, now);
  const rememberAssigned = (key: string) => {
    assigned.delete(key);
    assigned.set(key, now());
    if (assigned.size > ASSIGNED_MAX) assigned.delete(assigned.keys().next().value!);
  };
  const decided = (d: AutoAssignDecision) => opts.onDecision?.(d);

  /** The rule's active people with their load in the session, in the rule's order. */
  const candidates = async (sessionId: string, rule: CachedRule): Promise<Candidate[]> => {
    const { userIds } = rule;
    const active = new Set((await User.find({ _id: { $in: userIds }, active: true }, { _id: 1 }).lean()).map((u) => u._id.toString()));
    const online = rule.onlineOnly ? new Set(await opts.online()) : null;
    const people = userIds.map(String).filter((id) => active.has(id) && (!online || online.has(id)));
    if (people.length === 0) return [];
    const theirs = await Assignment.find({ sessionId, userId: { $in: people } }, { chatId: 1, userId: 1, createdAt: 1 }).lean();
    const waiting = new Set((await Chat.find({ sessionId, jid: { $in: [...new Set(theirs.map((a) => a.chatId))] }, needsReply: true }, { jid: 1 }).lean()).map((c) => c.jid));
    return people.map((userId) => {
      const mine = theirs.filter((a) => a.userId.toString() === userId);
      const last = mine.reduce<number | null>((max, a) => Math.max(max ?? 0, a.createdAt.getTime()), null);
      return { userId, waiting: mine.filter((a) => waiting.has(a.chatId)).length, lastAssignedAt: last };
    });
  };

  const decide = async (sessionId: string, chatId: string, key: string, at: number): Promise<void> => {
    const rule = await rules.get(sessionId);
    if (!rule.enabled || rule.userIds.length === 0) return decided({ sessionId, chatId, userId: null, reason: 'off' });
    // WhatsApp's times have one-second resolution.
    if (at < rule.since - 1000) return decided({ sessionId, chatId, userId: null, reason: 'before_rule' });
    if (await Assignment.exists({ sessionId, chatId })) {
      rememberAssigned(key);
      return decided({ sessionId, chatId, userId: null, reason: 'already_assigned' });
    }
    const userId = pickAssignee(await candidates(sessionId, rule));
    if (!userId) return decided({ sessionId, chatId, userId: null, reason: 'nobody_available' });
    await Assignment.create({ sessionId, chatId, userId, assignedBy: null, note: null });
    rememberAssigned(key);
    await AuditLog.create({ userId: null, action: 'assignment.auto', targetType: 'Assignment', targetId: chatId, details: { sessionId, chatId, userId } });
    opts.onAssigned(userId, sessionId, chatId);
    decided({ sessionId, chatId, userId, reason: 'assigned' });
  };

  const onEvent = (e: HubEvent): void => {
    if (e.type !== 'message') return;
    const m = e.message;
    if (!isCustomersNewMessage(m)) return;
    if (opts.owns && !opts.owns(e.sessionId)) return;
    const key = pairKey(e.sessionId, m.chatId);
    const seen = assigned.get(key);
    if ((seen !== undefined && now() - seen < ASSIGNED_TTL_MS) || busy.has(key)) return;
    busy.add(key);
    decide(e.sessionId, m.chatId, key, m.timestamp)
      .catch((err: unknown) => opts.logger.warn({ err, sessionId: e.sessionId }, 'automatic assignment failed'))
      .finally(() => busy.delete(key));
  };

  const unsubscribe = opts.hub.subscribe(onEvent);
  return {
    stop: unsubscribe,
    ruleChanged: (sessionId) => rules.forget(sessionId),
  };
}
