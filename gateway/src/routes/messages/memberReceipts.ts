import type { MemberReceiptView } from '@switchboard/shared';
import { Chat, Message, MessageReceipt, messageObjectId, type MessageDoc } from '@switchboard/shared/node';
import { z } from '../../openapi/zod.ts';
import { notFound } from '../../errors.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { messageParams } from './chatActionSchema.ts';

const receiptSchema = z
  .object({
    member: z.string().openapi({ example: '34611000001@s.whatsapp.net' }),
    name: z.string().nullable(),
    deliveredAt: z.number().int().nullable(),
    readAt: z.number().int().nullable(),
  })
  .openapi('MemberReceipt');

export const memberReceiptsResponse = z.object({ receipts: z.array(receiptSchema) }).openapi('MemberReceiptList');

/** The most members listed (WhatsApp groups hold up to 1,024). */
const MAX_MEMBERS = 1024;

/**
 * Names the members: the name of their own chat with the session (the customer's, possibly
 * renamed by the team), else the push name of their latest message in this group.
 */
async function memberNames(sessionId: string, chatId: string, members: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const chats = await Chat.find({ sessionId, jid: { $in: members } }, { jid: 1, name: 1, customName: 1 }).lean();
  for (const c of chats) {
    const name = c.customName || c.name;
    if (name) names.set(c.jid, name);
  }
  const unnamed = members.filter((m) => !names.has(m));
  if (unnamed.length === 0) return names;
  const said = await Message.find({ sessionId, chatId, sender: { $in: unnamed }, pushName: { $nin: [null, ''] } }, { sender: 1, pushName: 1 })
    .sort({ timestamp: -1 })
    .limit(unnamed.length * 20)
    .lean();
  for (const m of said) if (m.sender && m.pushName && !names.has(m.sender)) names.set(m.sender, m.pushName);
  return names;
}

/**
 * "Leído por" / "Entregado a": each group member's receipts for a message we sent to a group,
 * read first (latest first), then delivered only. A message to one person has none (its status
 * says it all); members who have said nothing yet are not listed.
 * from: the inbox (message info) → here.
 */
export const memberReceiptRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/messages/:messageId/receipts', tag: 'Messages', summary: "Each group member's delivery and read of one of our messages", auth: 'user', permission: ['read', 'Message'],
    record: 'Message', params: messageParams,
    response: { status: 200, description: 'The members who received or read it', schema: memberReceiptsResponse },
    async handler({ auth, params }) {
      const { sessionId, messageId } = params;
      const msg = await Message.findById(messageObjectId(sessionId, messageId), { chatId: 1 }).lean<Pick<MessageDoc, 'chatId'>>();
      if (!msg) {
        authorize(auth, 'read', subjects.session(sessionId));
        throw notFound('message');
      }
      authorize(auth, 'read', subjects.message(sessionId, msg.chatId));
      const docs = await MessageReceipt.find({ sessionId, messageId }).limit(MAX_MEMBERS).lean();
      const names = await memberNames(sessionId, msg.chatId, docs.map((d) => d.member));
      const receipts: MemberReceiptView[] = docs.map((d) => ({
        member: d.member,
        name: names.get(d.member) ?? null,
        deliveredAt: d.deliveredAt?.getTime() ?? null,
        readAt: d.readAt?.getTime() ?? null,
      }));
      receipts.sort((a, b) => (b.readAt ?? -1) - (a.readAt ?? -1) || (b.deliveredAt ?? 0) - (a.deliveredAt ?? 0));
      return { receipts };
    },
  }),
];
