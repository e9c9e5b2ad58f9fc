import { recipientJid } from '@switchboard/shared';
import { Chat, type ChatDoc } from '@switchboard/shared/node';
import { notFound } from '../../errors.ts';
import { z } from '../../openapi/zod.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { presentChat } from '../../presenters/messages.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams } from './chatActionSchema.ts';
import { chatOptOutSchema } from './schema.ts';

const tag = 'Messages';

const optOutBody = z
  .object({ optedOut: z.boolean().openapi({ description: 'true: the contact gets no messages sent to several conversations; false: they get them again' }) })
  .openapi('ChatOptOutRequest');

const optOutResponse = z.object({ optedOut: chatOptOutSchema.nullable() }).openapi('ChatOptOutResult');

/**
 * Whether a contact gets the messages the team sends to several conversations at once
 * (`…/broadcasts` leaves them out). A customer who writes "BAJA" (or "Stop", "No más
 * mensajes"…) is left out by the actor as their message arrives; the team can leave someone out
 * (whoever may answer the chat: it only ever sends less) or take them back in when the customer
 * asks (who may change the chat, `update Chat`).
 * from: the inbox's *Datos del contacto* → here → next: Socket.IO `chat-opt-out` to the sockets
 * that may read the chat.
 */
export const chatOptOutRoutes: RouteDef[] = [
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/chats/:chatId/opt-out', tag, summary: 'Leave a contact out of (or back in) messages sent to several conversations', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: chatParams, body: optOutBody, audit: 'chat.opt_out',
    response: { status: 200, description: 'The contact’s state now (null: they get them), announced with `chat-opt-out`; taking someone back in needs `update Chat` (403 otherwise)', schema: optOutResponse },
    async handler({ auth, params, body, audit, deps }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'send', subjects.message(sessionId, chatId));
      if (!body.optedOut) authorize(auth, 'update', subjects.chat(sessionId, chatId));
      const optedOut = body.optedOut ? { at: deps.now(), by: auth!.user.id, word: null } : null;
      // Leaving out again keeps the first reason (the customer's own "BAJA" stays theirs).
      const filter = body.optedOut ? { sessionId, jid: chatId, optedOut: null } : { sessionId, jid: chatId };
      await Chat.updateOne(filter, { $set: { optedOut } });
      const chat = await Chat.findOne({ sessionId, jid: chatId }).lean<ChatDoc>();
      if (!chat) throw notFound('chat');
      const state = presentChat(chat).optedOut;
      deps.realtime?.emitToChat(sessionId, chatId, 'chat-opt-out', { sessionId, chatId, optedOut: state });
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, optedOut: body.optedOut } });
      return { optedOut: state };
    },
  }),
];
