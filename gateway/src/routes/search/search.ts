import { Chat, Message, type ChatDoc, type MessageDoc } from '@switchboard/shared/node';
import { recipientJid, searchPattern } from '@switchboard/shared';
import type { QueryFilter } from 'mongoose';
import { badRequest, unavailable } from '../../errors.ts';
import { presentInboxChats } from '../../presenters/inboxChats.ts';
import { presentMessages } from '../../presenters/messages.ts';
import { authorize, scope, subjects } from '../../policies/subjects.ts';
import { chatPairsFilter, pairKey } from '../chatPairs.ts';
import { paging } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { messageSearchPageSchema, searchMessagesQuery } from './schema.ts';

const tag = 'Inbox';

/**
 * Longest a search may read, in ms. A text search reads every message the caller may see that
 * is not excluded otherwise (no index answers "contains"), so it has a deadline instead of an
 * open-ended scan; the answer then says to narrow it.
 */
const SEARCH_DEADLINE_MS = 10_000;

/** MongoDB's code for "operation exceeded time limit". */
const MAX_TIME_EXPIRED = 50;

/** Chats of the hits, by `pairKey`. */
export async function chatsOf(docs: readonly MessageDoc[]): Promise<Map<string, ChatDoc>> {
  const clauses = chatPairsFilter(docs);
  if (clauses.length === 0) return new Map();
  const chats = await Chat.find({ $or: clauses }).lean();
  return new Map(chats.map((c) => [pairKey(c.sessionId, c.jid), c]));
}

/**
 * Message search across every chat the caller may read (employees: their assigned chats), or
 * within one session or chat: newest first, each hit with its chat as the inbox lists it.
 * from: the inbox's search box → here (no actor involved: the messages are in the database).
 */
export const searchRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/messages/search', tag, summary: 'Search the text of messages in the chats the caller may read, newest first', auth: 'user', permission: ['read', 'Message'],
    record: 'Message', query: searchMessagesQuery,
    response: { status: 200, description: 'A page of hits (503 `search_timeout` when the search took too long: narrow it to a session or a chat)', schema: messageSearchPageSchema },
    async handler({ auth, query }) {
      if (query.chatId && !query.sessionId) throw badRequest('chat_needs_session', 'chatId needs sessionId: a chat belongs to one session');
      const and: QueryFilter<MessageDoc>[] = [scope(auth!, 'read', 'Message') as QueryFilter<MessageDoc>];
      if (query.sessionId) {
        authorize(auth, 'read', subjects.session(query.sessionId));
        and.push({ sessionId: query.sessionId });
      }
      if (query.sessionId && query.chatId) {
        const chatId = recipientJid(query.chatId);
        authorize(auth, 'read', subjects.message(query.sessionId, chatId));
        and.push({ chatId });
      }
      const pattern = { $regex: searchPattern(query.q), $options: 'i' };
      and.push({ kind: { $ne: 'reaction' } }, { $or: [{ text: pattern }, { caption: pattern }] });
      const { skip, limit } = paging(query);
      let docs: MessageDoc[];
      try {
        docs = await Message.find({ $and: and }, { sentProto: 0 }).sort({ timestamp: -1, _id: -1 }).skip(skip).limit(limit).maxTimeMS(SEARCH_DEADLINE_MS).lean<MessageDoc[]>();
      } catch (err) {
        if ((err as { code?: unknown }).code === MAX_TIME_EXPIRED) throw unavailable('search_timeout', 'The search took too long: narrow it to a session or a chat');
        throw err;
      }
      const chats = await chatsOf(docs);
      const found = docs.filter((m) => chats.has(pairKey(m.sessionId, m.chatId)));
      const [messages, views] = await Promise.all([presentMessages(found), presentInboxChats(auth!, [...chats.values()])]);
      const viewOf = new Map(views.map((c) => [pairKey(c.sessionId, c.id), c]));
      const data = messages.map((message) => ({ message, chat: viewOf.get(pairKey(message.sessionId, message.chatId))! }));
      return { data, total: -1 as const, page: query.page, limit: query.limit };
    },
  }),
];
