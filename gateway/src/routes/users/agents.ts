import { Assignment, Chat, User, type AssignmentDoc, type UserDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';
import { scope } from '../../policies/subjects.ts';
import { chatPairsFilter, pairKey } from '../chatPairs.ts';
import { awakeChats } from '../inbox/snoozedFilter.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { agentsResponse } from './agentsSchema.ts';
import { roleNames } from './roleLookup.ts';
import { usersScope } from './userAccess.ts';

const tag = 'Users';
/** Most people the board lists. */
const AGENTS_MAX = 500;

/**
 * The assigned chats that wait for a reply (a chat put aside does not wait yet, as in the agent's
 * inbox), by `pairKey`, with when each wait began (ms; the last incoming message for a chat older
 * than `waitingSince`).
 */
async function waitingChats(assignments: readonly Pick<AssignmentDoc, 'sessionId' | 'chatId'>[]): Promise<Map<string, number | null>> {
  const clauses = chatPairsFilter(assignments);
  if (clauses.length === 0) return new Map();
  const chats = await Chat.find({ $and: [{ needsReply: true, $or: clauses }, awakeChats(new Date())] }, { sessionId: 1, jid: 1, waitingSince: 1, lastInboundAt: 1 }).lean();
  return new Map(chats.map((c) => [pairKey(c.sessionId, c.jid), (c.waitingSince ?? c.lastInboundAt)?.getTime() ?? null]));
}

/**
 * The team board: every active person the caller may read, with how many chats they have, how
 * many of those wait for a reply and since when the longest wait (the console adds who is online,
 * live over Socket.IO).
 * from: the console's dashboard → here (database only).
 */
export const agentRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/agents', tag, summary: 'The team board: active users with their assigned chats and how many wait for a reply', auth: 'user', permission: ['read', 'User'],
    record: 'User',
    response: { status: 200, description: `Active users the caller may read (at most ${AGENTS_MAX}), by name`, schema: agentsResponse },
    async handler({ auth }) {
      const users = await User.find({ $and: [await usersScope(auth!, 'read'), { active: true }] } as QueryFilter<UserDoc>, { name: 1, role: 1 })
        .sort({ name: 1 })
        .limit(AGENTS_MAX)
        .lean();
      const assignments = users.length
        ? await Assignment.find({ $and: [scope(auth!, 'read', 'Assignment'), { userId: { $in: users.map((u) => u._id) } }] }, { sessionId: 1, chatId: 1, userId: 1 }).lean()
        : [];
      const [roles, waiting] = await Promise.all([roleNames(users.map((u) => u.role)), waitingChats(assignments)]);
      const none = () => ({ assigned: 0, waiting: 0, waitingSince: null as number | null });
      const count = new Map<string, ReturnType<typeof none>>();
      for (const a of assignments) {
        const c = count.get(String(a.userId)) ?? none();
        c.assigned += 1;
        const key = pairKey(a.sessionId, a.chatId);
        if (waiting.has(key)) {
          c.waiting += 1;
          const since = waiting.get(key) ?? null;
          if (since !== null && (c.waitingSince === null || since < c.waitingSince)) c.waitingSince = since;
        }
        count.set(String(a.userId), c);
      }
      return {
        data: users.map((u) => ({ id: String(u._id), name: u.name, role: roles.get(String(u.role))?.name ?? null, ...(count.get(String(u._id)) ?? none()) })),
      };
    },
  }),
];
