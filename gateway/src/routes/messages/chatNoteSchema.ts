import { NOTE_TEXT_MAX } from '@switchboard/shared/node';
import { z } from '../../openapi/zod.ts';
import { objectId } from '../common.ts';
import { chatParams } from './chatActionSchema.ts';

/** `:sessionId/chats/:chatId/notes/:noteId` */
export const chatNoteParams = chatParams.extend({ noteId: objectId });

/** POST …/notes */
export const createChatNoteBody = z
  .object({ text: z.string().trim().min(1).max(NOTE_TEXT_MAX).openapi({ description: 'The note (seen by the team only, never sent to WhatsApp)', example: 'Pidió factura a nombre de la empresa; pendiente de enviar' }) })
  .openapi('CreateChatNoteRequest');

/** An internal note (ChatNoteView). */
export const chatNoteSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    chatId: z.string(),
    author: z.object({ id: z.string(), name: z.string() }),
    text: z.string(),
    createdAt: z.string(),
  })
  .openapi('ChatNote');

/** The notes of a chat, oldest first. */
export const chatNoteList = z.object({ data: z.array(chatNoteSchema) }).openapi('ChatNoteList');
