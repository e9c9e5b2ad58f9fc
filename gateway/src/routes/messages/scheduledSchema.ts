import { MEDIA_MESSAGE_KINDS, mentionProblems, mentionsField, SCHEDULED_STATUSES } from '@switchboard/shared';
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

const replyText = z.string().trim().min(1).max(SCHEDULED_TEXT_MAX).openapi({ description: 'The reply, sent as a text message at `sendAt` (with a file: its caption)', example: 'Buenos días, Alicia: ya tenemos tu pedido listo para recoger.' });
const sendAt = z.coerce.number().int().openapi({ description: 'When to send it: ms since epoch, in the future and within a year' });

/**
 * POST …/scheduled: JSON, or multipart/form-data with the fields (`text`, `sendAt`, a media
 * `kind` if the file is to go as one, e.g. `voice`) before a `file`, which is stored at once and
 * sent at `sendAt` with the text as its caption.
 */
export const scheduleBody = z
  .object({
    text: z.string().trim().max(SCHEDULED_TEXT_MAX).optional().openapi({ description: 'The reply, sent as a text message at `sendAt` (with a file: its caption, optional)', example: 'Buenos días, Alicia: ya tenemos tu pedido listo para recoger.' }),
    sendAt,
    mediaId: objectId.optional().openapi({ description: 'A file uploaded by the caller (the multipart form sets it)' }),
    kind: z.enum(MEDIA_MESSAGE_KINDS).optional().openapi({ description: 'How the file goes (default: by its type)' }),
    quotedId: z.string().min(1).max(128).optional().openapi({ description: 'The message it answers (a message of this chat): sent as a quoted reply' }),
    // Described in shared (a plain zod schema: no `.openapi` on it).
    mentions: mentionsField,
    /** Set by the multipart form (the chat of the path): ignored. */
    to: z.string().optional(),
  })
  .refine((b) => !!b.text || !!b.mediaId, { message: 'Give the text of the reply, or a file', path: ['text'] })
  .superRefine((b, ctx) => {
    for (const p of mentionProblems({ text: b.text, mentions: b.mentions })) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
  })
  .openapi('ScheduleRequest');

/** PUT …/scheduled/:scheduledId: a new text, a new time, or both. */
export const rescheduleBody = z
  .object({
    text: replyText.optional(),
    sendAt: sendAt.optional(),
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
    file: z.object({ mediaId: z.string(), kind: z.string(), fileName: z.string().nullable(), mimeType: z.string(), size: z.number().int() }).nullable(),
    quotedId: z.string().nullable(),
    mentions: z.array(z.object({ user: z.string(), jid: z.string(), name: z.string().nullable(), isAccount: z.literal(true).optional() })).openapi({ description: 'Whom the text mentions (`@user` in it is `jid`), named when scheduled' }),
    sendAt: z.number().int(),
    status: z.enum(SCHEDULED_STATUSES),
    author: z.object({ id: z.string(), name: z.string() }),
    messageId: z.string().nullable().openapi({ description: 'The sent message (status `sent`)' }),
    error: z.string().nullable().openapi({ description: 'Why it was not sent (status `failed`): `author_cannot_send`, `session_not_found`, `send_failed`' }),
    batchId: z.string().nullable().openapi({ description: 'The message to several conversations it is part of (`…/broadcasts/:batchId`), or null' }),
    createdAt: z.string(),
  })
  .openapi('ScheduledMessage');

/** The replies waiting in a chat (and those that could not be sent), earliest first. */
export const scheduledList = z.object({ data: z.array(scheduledSchema) }).openapi('ScheduledMessageList');
