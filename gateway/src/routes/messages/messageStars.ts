import { recipientJid, type MessageStar } from '@switchboard/shared';
import { Message, StarredMessage, User, type MessageDoc } from '@switchboard/shared/node';
import { presentMessages } from '../../presenters/messages.ts';
import { z } from '../../openapi/zod.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams, messageParams } from './chatActionSchema.ts';
import { loadChat, loadReadableMessage } from './loadChat.ts';
import { messageSchema } from './schema.ts';

const tag = 'Messages';

/** The most starred messages a chat lists (newest first). */
export const STARRED_LIMIT = 200;

const starResponse = z
  .object({ starred: z.object({ at: z.number(), by: z.string() }).nullable().openapi({ description: 'Who marked it and when (ms); null once no longer' }) })
  .openapi('MessageStarResult');

const starredList = z.object({ data: z.array(messageSchema) }).openapi('StarredMessageList');

/**
 * *Destacar*: a team member marks a message (an address, an order number, a payment) to find it
 * again in the chat's *Mensajes destacados*; the whole team sees the mark, the contact never does
 * (nothing goes to WhatsApp). Whoever may answer in the chat may mark or unmark; whoever may read
 * it sees the list. Every console reading the chat hears it at once (`message-star`).
 * from: the inbox thread → here → next: Socket.IO rooms of the chat (attachRealtime.emitToChat).
 */
export const messageStarRoutes: RouteDef[] = [
  ...(['put', 'delete'] as const).map((method) =>
    defineRoute({
      method, path: '/api/sessions/:sessionId/messages/:messageId/star', tag, auth: 'user', permission: ['send', 'Message'],
      summary: method === 'put' ? 'Mark a message *Destacado* for the team (the contact never knows)' : 'Take the *Destacado* mark off a message',
      record: 'Message', params: messageParams, audit: method === 'put' ? 'message.star' : 'message.unstar',
      response: { status: 200, description: 'The mark as it is now (announced as `message-star` to the chat)', schema: starResponse },
      async handler({ deps, auth, params, audit }) {
        const { sessionId, messageId } = params;
        const msg = await loadReadableMessage<Pick<MessageDoc, '_id' | 'chatId' | 'starredAt' | 'starredBy'>>(auth, sessionId, messageId, { chatId: 1, starredAt: 1, starredBy: 1 });
        authorize(auth, 'send', subjects.message(sessionId, msg.chatId));
        let starred: MessageStar | null = null;
        if (method === 'put') {
          // Marked already: it keeps who marked it first.
          const at = msg.starredAt ? new Date(msg.starredAt) : new Date();
          const by = msg.starredAt && msg.starredBy ? msg.starredBy : auth!.user._id;
          await Message.updateOne({ _id: msg._id }, { $set: { starredAt: at, starredBy: by } });
          // Listed for the team's marks across every chat (starred.ts).
          await StarredMessage.updateOne({ _id: msg._id }, { $set: { sessionId, chatId: msg.chatId, messageId, starredAt: at, starredBy: by } }, { upsert: true });
          starred = { at: at.getTime(), by: String(by) };
        } else {
          await Message.updateOne({ _id: msg._id }, { $unset: { starredAt: 1, starredBy: 1 } });
          await StarredMessage.deleteOne({ _id: msg._id });
        }
        deps.realtime?.emitToChat(sessionId, msg.chatId, 'message-star', { sessionId, chatId: msg.chatId, id: messageId, starred });
        Object.assign(audit, { targetType: 'Message', targetId: messageId, details: { sessionId, chatId: msg.chatId } });
        return { starred };
      },
    }),
  ),
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/chats/:chatId/starred', tag, summary: "A chat's messages marked *Destacado*, newest first", auth: 'user', permission: ['read', 'Chat'],
    record: 'Chat', params: chatParams,
    response: { status: 200, description: `The marked messages (the latest ${STARRED_LIMIT}), as the thread lists them`, schema: starredList },
    async handler({ auth, params }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'read', subjects.chat(sessionId, chatId));
      await loadChat(sessionId, chatId);
      const docs = await Message.find({ sessionId, chatId, starredAt: { $ne: null } }, { sentProto: 0 }).sort({ timestamp: -1, _id: -1 }).limit(STARRED_LIMIT).lean<MessageDoc[]>();
      const markers = await User.find({ _id: { $in: docs.flatMap((d) => d.starredBy ?? []) } }, { name: 1 }).lean();
      const nameOf = new Map(markers.map((u) => [String(u._id), u.name]));
      const data = await presentMessages(docs);
      return { data: data.map((m) => (m.starred ? { ...m, starred: { ...m.starred, name: nameOf.get(m.starred.by) ?? null } } : m)) };
    },
  }),
];
