import { NOTE_TEXT_MAX } from '@switchboard/shared/node';
import { z } from '../../openapi/zod.ts';
import { objectId } from '../common.ts';
import { chatParams } from './chatActionSchema.ts';

/** Most colleagues one note mentions. */
export const MENTIONS_MAX = 10;

/** `:sessionId/chats/:chatId/notes/:noteId` */
export const chatNoteParams = chatParams.extend({ noteId: objectId });

/** POST …/notes */
export const createChatNoteBody = z
  .object({
    text: z.string().trim().min(1).max(NOTE_TEXT_MAX).openapi({ description: 'The note (seen by the team only, never sent to WhatsApp)', example: 'Pidió factura a nombre de la empresa; pendiente de enviar' }),
    mentions: z.array(objectId).max(MENTIONS_MAX).optional().openapi({ description: `Colleagues to tell (at most ${MENTIONS_MAX}); each must be able to read the chat` }),
  })
  .openapi('CreateChatNoteRequest');

/** GET …/people: colleagues who may read the chat. */
export const chatPeopleList = z.object({ data: z.array(z.object({ id: z.string(), name: z.string() })) }).openapi('ChatPeople');

/** An internal note (ChatNoteView). */
export const chatNoteSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    chatId: z.string(),
    author: z.object({ id: z.string(), name: z.string() }),
    text: z.string(),
    mentions: z.array(z.object({ id: z.string(), name: z.string() })).openapi({ description: 'Colleagues the note mentions' }),
    createdAt: z.string(),
  })
  .openapi('ChatNote');

/** The notes of a chat, oldest first. */
export const chatNoteList = z.object({ data: z.array(chatNoteSchema) }).openapi('ChatNoteList');
