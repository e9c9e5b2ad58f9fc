import { SCHEDULED_STATUSES } from '@switchboard/shared';
import { SCHEDULED_TEXT_MAX } from '@switchboard/shared/node';
import { z } from '../../openapi/zod.ts';
import { objectId } from '../common.ts';
import { chatParams } from './chatActionSchema.ts';

/** The furthest ahead a reply can be scheduled. */
export const SCHEDULE_MAX_MS = 365 * 24 * 3600_000;
/** Replies waiting in one chat, at most. */
export const SCHEDULED_PER_CHAT_MAX = 50;

/** `:sessionId/chats/:chatId/scheduled/:scheduledId` */
export const scheduledParams = chatParams.extend({ scheduledId: objectId });

/** POST …/scheduled */
export const scheduleBody = z
  .object({
    text: z.string().trim().min(1).max(SCHEDULED_TEXT_MAX).openapi({ description: 'The reply, sent as a text message at `sendAt`', example: 'Buenos días, Alicia: ya tenemos tu pedido listo para recoger.' }),
    sendAt: z.number().int().openapi({ description: 'When to send it: ms since epoch, in the future and within a year' }),
  })
  .openapi('ScheduleRequest');

/** PUT …/scheduled/:scheduledId: a new text, a new time, or both. */
export const rescheduleBody = z
  .object({
    text: scheduleBody.shape.text.optional(),
    sendAt: scheduleBody.shape.sendAt.optional(),
  })
  .refine((b) => b.text !== undefined || b.sendAt !== undefined, { message: 'Give a new text, a new time, or both' })
  .openapi('RescheduleRequest');

/** A scheduled reply (ScheduledMessageView). */
export const scheduledSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    chatId: z.string(),
    text: z.string(),
    sendAt: z.number().int(),
    status: z.enum(SCHEDULED_STATUSES),
    author: z.object({ id: z.string(), name: z.string() }),
    messageId: z.string().nullable().openapi({ description: 'The sent message (status `sent`)' }),
    error: z.string().nullable().openapi({ description: 'Why it was not sent (status `failed`): `author_cannot_send`, `session_not_found`, `send_failed`' }),
    createdAt: z.string(),
  })
  .openapi('ScheduledMessage');

/** The replies waiting in a chat (and those that could not be sent), earliest first. */
export const scheduledList = z.object({ data: z.array(scheduledSchema) }).openapi('ScheduledMessageList');
