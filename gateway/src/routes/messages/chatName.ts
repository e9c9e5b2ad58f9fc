import { recipientJid } from '@switchboard/shared';
import { Chat } from '@switchboard/shared/node';
import { z } from '../../openapi/zod.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams } from './chatActionSchema.ts';
import { loadChat } from './loadChat.ts';

/** Longest name the team may give a contact. */
export const CONTACT_NAME_MAX = 80;

const nameBody = z
  .object({
    name: z
      .string()
      .trim()
      .max(CONTACT_NAME_MAX, `At most ${CONTACT_NAME_MAX} characters`)
      .nullable()
      .openapi({ description: "The contact's name for the team; null or empty goes back to WhatsApp's name", example: 'Alicia Gómez (tienda Centro)' }),
  })
  .openapi('ContactNameRequest');

export const chatNameResponse = z
  .object({
    sessionId: z.string(),
    chatId: z.string(),
    name: z.string().nullable().openapi({ description: 'What to call the chat now' }),
    customName: z.string().nullable(),
  })
  .openapi('ChatName');

/**
 * The team names a contact (*Datos del contacto*): WhatsApp gives a push name the customer chose
 * ("🌸 Ali"), or none; the team's name is shown instead in the lists, the thread, notifications
 * and search, everywhere and for everyone, until it is removed. WhatsApp's name is kept (the
 * actor goes on updating it) and shown beside it.
 * from: the inbox (contact details) → here → next: Socket.IO `chat-name` to the sockets that
 * may read the chat.
 */
export const chatNameRoutes: RouteDef[] = [
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/chats/:chatId/name', tag: 'Messages', summary: "Name a chat's contact for the team (or go back to WhatsApp's name)", auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: chatParams, body: nameBody, audit: 'chat.rename',
    response: { status: 200, description: 'Named, announced with `chat-name`', schema: chatNameResponse },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      // Whoever may answer the customer may say who they are.
      authorize(auth, 'send', subjects.message(sessionId, chatId));
      const chat = await loadChat(sessionId, chatId);
      const customName = body.name ? body.name : null;
      const doc = await Chat.findOneAndUpdate({ _id: chat._id }, { $set: { customName } }, { returnDocument: 'after' }).lean();
      const view = { sessionId, chatId, name: doc?.customName || doc?.name || null, customName };
      deps.realtime?.emitToChat(sessionId, chatId, 'chat-name', view);
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, name: customName } });
      return view;
    },
  }),
];
