import type { MemberReceiptView } from '@switchboard/shared';
import { memberNames, MessageReceipt, type MessageDoc } from '@switchboard/shared/node';
import { z } from '../../openapi/zod.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { messageParams } from './chatActionSchema.ts';
import { loadReadableMessage } from './loadChat.ts';

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
      const msg = await loadReadableMessage<Pick<MessageDoc, 'chatId'>>(auth!, sessionId, messageId, { chatId: 1 });
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
