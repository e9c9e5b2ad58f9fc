import { Message, StarredMessage, User, findByIds, type MessageDoc, type StarredMessageDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';
import { presentInboxChats } from '../../presenters/inboxChats.ts';
import { presentMessages } from '../../presenters/messages.ts';
import { authorize, scope, subjects } from '../../policies/subjects.ts';
import { pairKey } from '../chatPairs.ts';
import { paging } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { starredMessagesQuery, starredPageSchema } from './schema.ts';
import { chatsOf } from './search.ts';

/**
 * The team's *Mensajes destacados* across every chat the caller may read (employees: their
 * assigned chats), or one session's: the latest marked first, each with its chat as the inbox
 * lists it and who marked it, as WhatsApp lists its starred messages. Read from StarredMessage
 * (scoped in the query like messages), then the messages themselves; one no longer stored is
 * left out.
 * from: the inbox's list (*Destacados*) → here.
 */
export const starredRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/messages/starred', tag: 'Inbox', summary: 'Messages marked Destacado in the chats the caller may read, the latest marked first', auth: 'user', permission: ['read', 'Message'],
    record: 'Message', query: starredMessagesQuery,
    response: { status: 200, description: 'A page of marked messages, each with its chat and who marked it', schema: starredPageSchema },
    async handler({ auth, query }) {
      const and: QueryFilter<StarredMessageDoc>[] = [scope(auth!, 'read', 'Message') as QueryFilter<StarredMessageDoc>];
      if (query.sessionId) {
        authorize(auth, 'read', subjects.session(query.sessionId));
        and.push({ sessionId: query.sessionId });
      }
      const { skip, limit } = paging(query);
      const marks = await StarredMessage.find({ $and: and }).sort({ starredAt: -1, _id: -1 }).skip(skip).limit(limit).lean<StarredMessageDoc[]>();
      const docs = (await findByIds<MessageDoc>(Message, marks.map((m) => m._id), { sentProto: 0 })).filter((d): d is MessageDoc => !!d?.starredAt);
      const chats = await chatsOf(docs);
      const found = docs.filter((m) => chats.has(pairKey(m.sessionId, m.chatId)));
      const [messages, views, markers] = await Promise.all([
        presentMessages(found),
        presentInboxChats(auth!, [...chats.values()]),
        User.find({ _id: { $in: found.flatMap((d) => d.starredBy ?? []) } }, { name: 1 }).lean(),
      ]);
      const viewOf = new Map(views.map((c) => [pairKey(c.sessionId, c.id), c]));
      const nameOf = new Map(markers.map((u) => [String(u._id), u.name]));
      const data = messages.map((message) => ({
        message: message.starred ? { ...message, starred: { ...message.starred, name: nameOf.get(message.starred.by) ?? null } } : message,
        chat: viewOf.get(pairKey(message.sessionId, message.chatId))!,
      }));
      return { data, total: -1 as const, page: query.page, limit: query.limit };
    },
  }),
];
