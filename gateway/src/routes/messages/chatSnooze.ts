import { recipientJid } from '@switchboard/shared';
import { Chat } from '@switchboard/shared/node';
import { z } from '../../openapi/zod.ts';
import { badRequest, conflict } from '../../errors.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams } from './chatActionSchema.ts';
import { loadChat } from './loadChat.ts';

/** The furthest a chat can be put aside. */
export const SNOOZE_MAX_MS = 365 * 24 * 3600_000;

const snoozeBody = z
  .object({
    until: z.number().int().nullable().openapi({ description: 'ms since epoch, in the future and within a year; null wakes the chat now' }),
    seenInboundAt: z.number().int().nullable().optional().openapi({
      description: "The chat's `lastInboundAt` as the agent saw it: when the customer has written since, nothing changes and the answer is 409 `chat_changed`",
    }),
  })
  .openapi('SnoozeRequest');

export const snoozeResponse = z
  .object({ sessionId: z.string(), chatId: z.string(), snoozedUntil: z.number().int().nullable() })
  .openapi('ChatSnooze');

/**
 * "Posponer": an agent puts a chat aside until a time (later today, tomorrow morning…). Until
 * then it is out of the inbox's lists and the needs-reply badge (`GET /api/chats?snoozed=true`
 * lists it); it comes back by itself at that time, or at once when the customer writes (the
 * session's actor clears it in the write of the incoming message).
 * from: the inbox (thread header, P) → here → next: Socket.IO `chat-snooze` to the sockets that
 * may read the chat.
 */
export const chatSnoozeRoutes: RouteDef[] = [
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/chats/:chatId/snooze', tag: 'Messages', summary: 'Put a chat aside until a time (or wake it): out of the lists until then or until the customer writes', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', params: chatParams, body: snoozeBody, audit: 'chat.snooze',
    response: { status: 200, description: 'Snoozed (or woken), announced with `chat-snooze`; 409 `chat_changed` when the customer wrote meanwhile', schema: snoozeResponse },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      // Whoever may answer the chat may decide when to answer it.
      authorize(auth, 'send', subjects.message(sessionId, chatId));
      const now = Date.now();
      if (body.until !== null && (body.until <= now || body.until > now + SNOOZE_MAX_MS)) {
        throw badRequest('invalid_snooze', 'Choose a time in the future, within a year');
      }
      const chat = await loadChat(sessionId, chatId);
      const until = body.until === null ? null : new Date(body.until);
      // Putting a chat aside must not hide a message the agent has not seen.
      const unseen = body.until !== null && typeof body.seenInboundAt === 'number' ? { $or: [{ lastInboundAt: null }, { lastInboundAt: { $lte: new Date(body.seenInboundAt) } }] } : {};
      const res = await Chat.updateOne({ _id: chat._id, ...unseen }, { $set: { snoozedUntil: until } });
      if (res.matchedCount === 0) throw conflict('chat_changed', 'The customer has just written: read the new message first');
      const view = { sessionId, chatId, snoozedUntil: body.until };
      deps.realtime?.emitToChat(sessionId, chatId, 'chat-snooze', view);
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, until: body.until } });
      return view;
    },
  }),
];
