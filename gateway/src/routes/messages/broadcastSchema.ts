import { MEDIA_MESSAGE_KINDS, normalizeRecipient } from '@switchboard/shared';
import { SCHEDULED_TEXT_MAX } from '@switchboard/shared/node';
import { z } from '../../openapi/zod.ts';
import { objectId, sessionParams } from '../common.ts';
import { scheduledSchema } from './scheduledSchema.ts';

/** Conversations one message may go to at once. */
export const BROADCAST_CHATS_MAX = 100;
/** The pace: seconds between two of its sends, at least and at most (WhatsApp flags a burst). */
export const BROADCAST_EVERY_MIN_S = 5;
export const BROADCAST_EVERY_MAX_S = 3600;

/** `:sessionId/broadcasts/:batchId` */
export const broadcastParams = sessionParams.extend({ batchId: z.string().regex(/^[0-9a-f]{24}$/, 'Must be a 24-character hex id') });

/** POST …/broadcasts: the text for each conversation (filled in for its customer) and the pace. */
export const broadcastBody = z
  .object({
    messages: z
      .array(
        z.object({
          chatId: z.string().trim().min(3).max(200).refine((v) => normalizeRecipient(v) !== null, 'A phone number (digits) or a WhatsApp JID').openapi({ example: '34600000000@s.whatsapp.net' }),
          text: z.string().trim().min(1).max(SCHEDULED_TEXT_MAX).openapi({ example: 'Hola Alicia: mañana abrimos a las 11.' }),
        }),
      )
      .min(1)
      .max(BROADCAST_CHATS_MAX)
      .refine((list) => new Set(list.map((m) => normalizeRecipient(m.chatId))).size === list.length, 'Each conversation once')
      .openapi({ description: `Up to ${BROADCAST_CHATS_MAX} conversations of the session, in the order they are sent, each with its own words` }),
    everySeconds: z
      .number()
      .int()
      .min(BROADCAST_EVERY_MIN_S)
      .max(BROADCAST_EVERY_MAX_S)
      .default(10)
      .openapi({ description: `Seconds between two sends (${BROADCAST_EVERY_MIN_S}–${BROADCAST_EVERY_MAX_S}; default 10): the first goes at once` }),
    startAt: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'When the first send goes (ms since epoch; in the future, within a year); default: at once' }),
    file: z
      .object({
        mediaId: objectId.openapi({ description: 'A file the caller uploaded to the session (`POST /api/sessions/:sessionId/media`)' }),
        kind: z.enum(MEDIA_MESSAGE_KINDS).optional().openapi({ description: 'How it goes (default: by its type)' }),
      })
      .optional()
      .openapi({ description: 'A file every conversation gets with its words as the caption (stored once)' }),
  })
  .openapi('BroadcastRequest');

/** What a message to several conversations made (or is now). */
export const broadcastSchema = z
  .object({
    batchId: z.string(),
    data: z.array(scheduledSchema),
    refused: z.array(z.object({ chatId: z.string(), code: z.string(), message: z.string() })).openapi({ description: 'Conversations left out: `forbidden`, `not_found`, `opted_out` (the contact wrote "BAJA" or similar, or the team left them out), `too_many_scheduled`' }),
  })
  .openapi('Broadcast');

/** GET /api/broadcasts: one session's only, or every session the caller may read. */
export const broadcastListQuery = z.object({ sessionId: z.string().trim().min(1).max(64).optional() });

/** GET /api/broadcasts: the recent messages to several conversations, summed up. */
export const broadcastSummaries = z
  .object({
    data: z.array(
      z
        .object({
          batchId: z.string(),
          sessionId: z.string(),
          author: z.object({ id: z.string(), name: z.string() }),
          createdAt: z.string(),
          sample: z.string().openapi({ description: 'The words of its first send (each conversation’s are filled in for its customer)' }),
          file: z.object({ kind: z.string(), fileName: z.string().nullable() }).nullable().openapi({ description: 'The file each send carries, or null' }),
          total: z.number().int(),
          sent: z.number().int(),
          waiting: z.number().int().openapi({ description: 'Scheduled or being handed over' }),
          failed: z.number().int(),
          cancelled: z.number().int(),
          firstAt: z.number().openapi({ description: 'ms: when its first send goes (or went)' }),
          lastAt: z.number().openapi({ description: 'ms: when its last send goes (or went)' }),
        })
        .openapi('BroadcastSummary'),
    ),
  })
  .openapi('BroadcastSummaries');

/** DELETE …/broadcasts/:batchId: how many of its sends were stopped. */
export const broadcastCancelled = z.object({ cancelled: z.number().int() }).openapi('BroadcastCancelled');
