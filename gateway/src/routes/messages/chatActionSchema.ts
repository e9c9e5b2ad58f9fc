import { MESSAGE_STATUSES } from '@switchboard/shared';
import { z } from '../../openapi/zod.ts';
import { sessionParams } from '../common.ts';

/** `:sessionId/chats/:chatId` (a JID, or a phone number normalised like `to`). */
export const chatParams = sessionParams.extend({ chatId: z.string().trim().min(3).max(200).openapi({ example: '34600000000@s.whatsapp.net' }) });

/** `:sessionId/messages/:messageId` (WhatsApp's key id). */
export const messageParams = sessionParams.extend({ messageId: z.string().min(1).max(128).openapi({ example: '3EB0A1B2C3D4E5F6A7B8C9' }) });

/** Answer of mark-read (MarkReadResult). */
export const markReadResponse = z
  .object({
    ok: z.literal(true),
    sentReceipts: z.boolean().openapi({ description: 'False when the session could not send read receipts now (the unread count was reset anyway)' }),
  })
  .openapi('MarkReadResult');

/** Answer of mark-unread (MarkUnreadResult). */
export const markUnreadResponse = z
  .object({
    ok: z.literal(true),
    unreadCount: z.number().int().min(1).openapi({ description: "The chat's unread count now: 1, or more when it already had unread messages" }),
  })
  .openapi('MarkUnreadResult');

/** Answer of mark-handled (MarkHandledResult). */
export const markHandledResponse = z
  .object({
    ok: z.literal(true),
    handledAt: z.number().int().openapi({ description: 'When the chat was marked (ms since epoch): it needs a reply again when a message newer than this comes in' }),
  })
  .openapi('MarkHandledResult');

/** Body of the typing-presence route. */
export const presenceBody = z.object({ state: z.enum(['composing', 'paused', 'recording']) }).openapi('PresenceRequest');

/** Answer of a retry (SendAccepted: the message is pending again). */
export const retryResponse = z
  .object({ messageId: z.string(), status: z.enum(MESSAGE_STATUSES), duplicate: z.boolean(), chatId: z.string() })
  .openapi('RetryAccepted');
