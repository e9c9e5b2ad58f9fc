import { Chat, type ChatDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';
import { presentInboxChats } from '../../presenters/inboxChats.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { listOf, listResponse, paging } from '../common.ts';
import { CHAT_WINDOWS_MS, newestFirstPage } from '../newestFirstPage.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { inboxFilter } from './inboxFilter.ts';
import { inboxChatSchema, listInboxQuery } from './schema.ts';

const tag = 'Inbox';

/**
 * A page of waiting chats, the longest wait first. A chat whose wait began before chats kept
 * `waitingSince` has none and sorts first (it has waited since before every recorded wait), by
 * its last incoming message; `_id` keeps pages stable. The waiting chats are few next to all of
 * them, so a plain sorted read (an index on MongoDB) serves it.
 */
function longestWaitFirst(filter: QueryFilter<ChatDoc>, skip: number, limit: number): Promise<ChatDoc[]> {
  return Chat.find(filter).sort({ waitingSince: 1, lastInboundAt: 1, _id: 1 }).skip(skip).limit(limit).lean<ChatDoc[]>();
}

/** The employee inbox: chats of every session the caller may read, in one list. */
export const inboxRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/chats', tag, summary: 'Inbox: chats of every session the caller may read, latest activity first (or the longest wait first)', auth: 'user', permission: ['read', 'Chat'],
    record: 'Chat', query: listInboxQuery,
    response: { status: 200, description: 'A page of inbox chats (session name, phone, needs-reply, assignees)', schema: listOf(inboxChatSchema) },
    async handler({ auth, query }) {
      if (query.sessionId) authorize(auth, 'read', subjects.session(query.sessionId));
      const filter = await inboxFilter(auth!, query);
      const { skip, limit } = paging(query);
      const [docs, total] = await Promise.all([
        query.sort === 'waiting'
          ? longestWaitFirst(filter, skip, limit)
          : newestFirstPage(Chat, filter, { sort: { lastMessageAt: -1, _id: -1 }, skip, limit, until: Date.now(), windowsMs: CHAT_WINDOWS_MS }),
        Chat.countDocuments(filter),
      ]);
      return listResponse(await presentInboxChats(auth!, docs), total, query);
    },
  }),
];
