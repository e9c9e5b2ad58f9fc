import { needsReply, phoneOfJid, recipientJid, type ChatProfileView } from '@switchboard/shared';
import { Chat, Message, Session, type ChatDoc, type MessageDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';
import { notFound } from '../../errors.ts';
import { z } from '../../openapi/zod.ts';
import { authorize, scope, subjects } from '../../policies/subjects.ts';
import { presentMessages } from '../../presenters/messages.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams } from './chatActionSchema.ts';
import { messageSchema } from './schema.ts';

const tag = 'Messages';

/** Files listed in a profile (the latest ones; the thread has the rest). */
const PROFILE_FILES = 12;
/** Other sessions' chats listed (a customer writes to a few of the business's numbers at most). */
const ELSEWHERE_MAX = 20;

const chatProfileSchema = z
  .object({
    sessionId: z.string(),
    chatId: z.string(),
    name: z.string().nullable().openapi({ description: "What to call the contact: the team's name, else WhatsApp's" }),
    customName: z.string().nullable().openapi({ description: 'The name the team gave the contact (PUT …/name)' }),
    whatsappName: z.string().nullable().openapi({ description: 'The name WhatsApp gives (push name, address book, group subject)' }),
    phone: z.string().nullable().openapi({ description: 'Digits of the contact number, when known' }),
    isGroup: z.boolean(),
    since: z.number().openapi({ description: 'When the session first heard of the chat (ms)' }),
    messages: z.number().int().openapi({ description: 'Messages stored for the chat, both ways' }),
    files: z.array(messageSchema).openapi({ description: `The latest files, newest first (at most ${PROFILE_FILES}; deleted ones left out)` }),
    elsewhere: z
      .array(z.object({ sessionId: z.string(), sessionName: z.string(), chatId: z.string(), lastMessageAt: z.number().nullable(), needsReply: z.boolean() }))
      .openapi({ description: "The same customer's chats in other sessions the caller may read, latest activity first" }),
  })
  .openapi('ChatProfile');

/** The same customer in other sessions: their number's jid, as the chat's jid or as the number behind a LID chat. */
function elsewhereFilter(chat: ChatDoc, phone: string): QueryFilter<ChatDoc> {
  const jid = `${phone}@s.whatsapp.net`;
  return { sessionId: { $ne: chat.sessionId }, $or: [{ jid }, { pnJid: jid }] };
}

/**
 * What the team knows of a customer, for the inbox's *Datos del contacto*: number, since when,
 * how many messages, the latest files (each opens its message in the thread), and the chats the
 * same number has with the business's other WhatsApp accounts (only those the caller may read).
 * from: the inbox thread's header → here.
 */
export const chatProfileRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/chats/:chatId/profile', tag, summary: 'What the team knows of a chat\'s contact: number, since, messages, latest files, the same customer in other sessions', auth: 'user', permission: ['read', 'Chat'],
    record: 'Chat', params: chatParams,
    response: { status: 200, description: 'The profile', schema: chatProfileSchema },
    async handler({ auth, params }): Promise<ChatProfileView> {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'read', subjects.chat(sessionId, chatId));
      const chat = await Chat.findOne({ sessionId, jid: chatId }).lean<ChatDoc>();
      if (!chat) throw notFound('chat');
      const phone = chat.isGroup ? null : (phoneOfJid(chat.jid) ?? phoneOfJid(chat.pnJid));
      const [messages, fileDocs, others] = await Promise.all([
        Message.countDocuments({ sessionId, chatId }),
        Message.find({ sessionId, chatId, mediaId: { $ne: null }, revokedAt: null }).sort({ timestamp: -1 }).limit(PROFILE_FILES).lean<MessageDoc[]>(),
        phone ? Chat.find({ $and: [scope(auth!, 'read', 'Chat'), elsewhereFilter(chat, phone)] }).sort({ lastMessageAt: -1 }).limit(ELSEWHERE_MAX).lean<ChatDoc[]>() : Promise.resolve([]),
      ]);
      const names = others.length ? new Map((await Session.find({ sessionId: { $in: others.map((o) => o.sessionId) } }, { sessionId: 1, name: 1 }).lean()).map((s) => [s.sessionId, s.name])) : new Map<string, string>();
      return {
        sessionId,
        chatId,
        name: chat.customName || chat.name || null,
        customName: chat.customName || null,
        whatsappName: chat.name ?? null,
        phone,
        isGroup: chat.isGroup,
        since: (chat.createdAt ?? chat._id.getTimestamp()).getTime(),
        messages,
        files: await presentMessages(fileDocs),
        elsewhere: others.map((o) => ({
          sessionId: o.sessionId,
          sessionName: names.get(o.sessionId) ?? o.sessionId,
          chatId: o.jid,
          lastMessageAt: o.lastMessageAt ? o.lastMessageAt.getTime() : null,
          needsReply: needsReply({ lastInboundAt: o.lastInboundAt ?? null, lastOutboundAt: o.lastOutboundAt ?? null, handledAt: o.handledAt ?? null }),
        })),
      };
    },
  }),
];
