import { recipientJid } from '@switchboard/shared';
import { Assignment, Chat } from '@switchboard/shared/node';
import { AppError, conflict } from '../../errors.ts';
import { z } from '../../openapi/zod.ts';
import { allowed, authorize, subjects } from '../../policies/subjects.ts';
import { assignmentsChanged } from '../../realtimeNotify.ts';
import { phoneNumberSchema, sessionParams } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { checkOnWhatsApp } from './numberCheck.ts';

const tag = 'Messages';

const startChatBody = z
  .object({
    phone: phoneNumberSchema.openapi({ description: 'The customer\'s number in international format ("+34 612 34 56 78" is fine)', example: '34612345678' }),
    assignToMe: z.boolean().default(true).openapi({ description: 'Take the conversation (ignored, always true, for a caller who could not read it otherwise)' }),
  })
  .strict();

const startedChatSchema = z
  .object({
    phone: z.string().openapi({ description: 'The number as checked: digits only', example: '34612345678' }),
    jid: z.string().openapi({ description: "The chat id to send to (WhatsApp's own for the number)", example: '34612345678@s.whatsapp.net' }),
    assigned: z.boolean().openapi({ description: 'Whether the caller is now among its assignees' }),
    existed: z.boolean().openapi({ description: 'Whether the session already had a conversation with the number' }),
  })
  .openapi('StartedChat');

/**
 * Starting a conversation with a customer who has not written (`create Chat`): the number is
 * checked with WhatsApp, and the conversation is the caller's to write to afterwards. A caller
 * who may read only the chats assigned to them (a salesperson's role) gets it assigned — that
 * assignment is what `create Chat` grants, no `create Assignment` needed — and is refused a
 * number the session already talks to (409 `chat_exists`: that customer is someone else's, or
 * nobody's until a supervisor decides). Supervisors take it when they ask (`assignToMe`). The
 * first message is then an ordinary send (`POST …/messages`), through the offline outbox.
 * from: the inbox's "new conversation" dialog, integrators → here → next: the actor's
 * `checkNumber`, then the send route.
 */
export const startChatRoutes: RouteDef[] = [
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/chats', tag, summary: 'Start a conversation with a number (checked with WhatsApp; assigned to the caller)', auth: 'user', permission: ['create', 'Chat'],
    record: 'Chat', rateLimit: 'send', params: sessionParams, body: startChatBody, audit: 'chat.start',
    response: { status: 200, description: 'The conversation to write to (422 `not_on_whatsapp`, 409 `chat_exists`, 409 `not_connected`)', schema: startedChatSchema },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId } = params;
      authorize(auth, 'create', subjects.chat(sessionId, recipientJid(body.phone)));
      const found = await checkOnWhatsApp(deps, sessionId, body.phone);
      if (!found.onWhatsApp || !found.jid) throw new AppError(422, 'not_on_whatsapp', 'This number has no WhatsApp account');
      const jid = found.jid;
      authorize(auth, 'create', subjects.chat(sessionId, jid));
      const readable = allowed(auth, 'read', subjects.chat(sessionId, jid));
      const existed = !!(await Chat.exists({ sessionId, jid }));
      if (existed && !readable) throw conflict('chat_exists', 'The session already has a conversation with this number; a supervisor can assign it to you');
      const assign = body.assignToMe || !readable;
      if (assign) {
        const userId = auth!.user._id;
        const res = await Assignment.updateOne({ sessionId, chatId: jid, userId }, { $setOnInsert: { assignedBy: userId, note: null } }, { upsert: true });
        if (res.upsertedCount > 0) assignmentsChanged(deps, sessionId, jid, userId.toString());
      }
      Object.assign(audit, { targetType: 'Chat', targetId: jid, details: { sessionId, assigned: assign, existed } });
      return { phone: found.phone, jid, assigned: assign, existed };
    },
  }),
];
