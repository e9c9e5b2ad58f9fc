import { lastMessageFromMe, needsReply, phoneOfJid, type InboxChatView } from '@switchboard/shared';
import { Assignment, ChatPin, Session, User, type ChatDoc } from '@switchboard/shared/node';
import type { AuthContext } from '../auth/authContext.ts';
import { scope } from '../policies/subjects.ts';
import { pairKey } from '../routes/chatPairs.ts';
import { presentChat } from './messages.ts';


/** One inbox row from a chat and the names looked up for its page. */
export function presentInboxChat(c: ChatDoc, sessionName: string, assignees: InboxChatView['assignees'], pinnedAt: Date | null = null): InboxChatView {
  const times = { lastInboundAt: c.lastInboundAt ?? null, lastOutboundAt: c.lastOutboundAt ?? null, handledAt: c.handledAt ?? null };
  const needs = needsReply(times);
  const waiting = needs ? (c.waitingSince ?? times.lastInboundAt) : null;
  return {
    ...presentChat(c),
    sessionName,
    phone: phoneOfJid(c.jid) ?? phoneOfJid(c.pnJid),
    needsReply: needs,
    lastInboundAt: times.lastInboundAt ? times.lastInboundAt.getTime() : null,
    lastOutboundAt: times.lastOutboundAt ? times.lastOutboundAt.getTime() : null,
    handledAt: times.handledAt ? times.handledAt.getTime() : null,
    pinnedAt: pinnedAt ? pinnedAt.getTime() : null,
    waitingSince: waiting ? waiting.getTime() : null,
    snoozedUntil: c.snoozedUntil && c.snoozedUntil.getTime() > Date.now() ? c.snoozedUntil.getTime() : null,
    nextScheduledAt: c.nextScheduledAt ? c.nextScheduledAt.getTime() : null,
    scheduledFailed: c.scheduledFailed === true,
    lastMessageFromMe: lastMessageFromMe(times),
    assignees,
    labels: (c.labels ?? []).map((id) => id.toString()),
  };
}

/**
 * Presents a page of inbox chats with four batch queries, whatever the page size: the
 * sessions' names, the chats' assignments the caller may read, the caller's pins among them, and
 * the assignees' names.
 */
export async function presentInboxChats(auth: AuthContext, chats: readonly ChatDoc[]): Promise<InboxChatView[]> {
  if (chats.length === 0) return [];
  const sessionIds = [...new Set(chats.map((c) => c.sessionId))];
  const jids = [...new Set(chats.map((c) => c.jid))];
  const [sessions, assignments, pins] = await Promise.all([
    Session.find({ sessionId: { $in: sessionIds } }, { sessionId: 1, name: 1 }).lean(),
    Assignment.find(
      { $and: [scope(auth, 'read', 'Assignment'), { sessionId: { $in: sessionIds }, chatId: { $in: jids } }] },
      { sessionId: 1, chatId: 1, userId: 1 },
    )
      .sort({ createdAt: 1 })
      .lean(),
    ChatPin.find({ userId: auth.user._id, sessionId: { $in: sessionIds }, chatId: { $in: jids } }, { sessionId: 1, chatId: 1, pinnedAt: 1 }).lean(),
  ]);
  const pinnedAt = new Map(pins.map((p) => [pairKey(p.sessionId, p.chatId), p.pinnedAt]));
  const userIds = [...new Set(assignments.map((a) => a.userId.toString()))];
  const users = userIds.length ? await User.find({ _id: { $in: userIds } }, { name: 1 }).lean() : [];
  const nameOf = new Map(users.map((u) => [u._id.toString(), u.name]));
  const sessionName = new Map(sessions.map((s) => [s.sessionId, s.name]));
  const assigneesOf = new Map<string, InboxChatView['assignees']>();
  for (const a of assignments) {
    const userId = a.userId.toString();
    const name = nameOf.get(userId);
    if (name === undefined) continue; // the user was deleted
    const key = pairKey(a.sessionId, a.chatId);
    assigneesOf.set(key, [...(assigneesOf.get(key) ?? []), { userId, name }]);
  }
  return chats.map((c) => {
    const key = pairKey(c.sessionId, c.jid);
    return presentInboxChat(c, sessionName.get(c.sessionId) ?? c.sessionId, assigneesOf.get(key) ?? [], pinnedAt.get(key) ?? null);
  });
}
