import { recipientJid } from '@switchboard/shared';
import { Chat } from '@switchboard/shared/node';
import { AppError, notFound } from '../../errors.ts';
import { z } from '../../openapi/zod.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams } from './chatActionSchema.ts';

const tag = 'Messages';

const blockBody = z
  .object({ blocked: z.boolean().openapi({ description: 'true blocks the contact on WhatsApp, false unblocks it' }) })
  .openapi('BlockContactRequest');

export const blockResponse = z
  .object({ ok: z.literal(true), blocked: z.boolean().openapi({ description: 'Whether the contact is blocked now' }) })
  .openapi('BlockContactResult');

/**
 * Blocking a contact for the session's account, as the phone does: WhatsApp stops delivering their
 * messages, and sends to them fail as `blocked` until they are unblocked.
 * from: the inbox's *Datos del contacto* → here → next: the session actor (`setBlocked`), which
 * asks WhatsApp, stores `blocked` on the chat and announces it with `chat-update`.
 */
export const chatBlockRoutes: RouteDef[] = [
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/chats/:chatId/blocked', tag, summary: "Block or unblock a contact on WhatsApp for the session's account", auth: 'user', permission: ['update', 'Chat'],
    record: 'Chat', params: chatParams, body: blockBody, audit: 'chat.block',
    response: {
      status: 200,
      description: 'Done on WhatsApp and announced to every console with `chat-update` (`blocked`). 400 `not_a_contact` for a group; 409 `not_connected` while the session is not connected; 409 `cannot_block` when WhatsApp cannot tell who the contact is',
      schema: blockResponse,
    },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'update', subjects.chat(sessionId, chatId));
      const chat = await Chat.findOne({ sessionId, jid: chatId }, { isGroup: 1 }).lean();
      if (!chat) throw notFound('chat');
      if (chat.isGroup) throw new AppError(400, 'not_a_contact', 'A group cannot be blocked; leave it instead');
      const { blocked } = await deps.hub.call(sessionId, 'setBlocked', { chatJid: chatId, blocked: body.blocked });
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, blocked } });
      return { ok: true as const, blocked };
    },
  }),
];
