import { z } from '../../openapi/zod.ts';
import { pageQuery, sessionIdSchema } from '../common.ts';
import { inboxChatSchema } from '../inbox/schema.ts';
import { messageSchema } from '../messages/schema.ts';

/** Most hits one search page returns. */
export const SEARCH_PAGE_MAX = 50;

/** GET /api/messages/search. */
export const searchMessagesQuery = pageQuery.extend({
  q: z.string().trim().min(2).max(100).openapi({ description: 'Text the message (or its caption) contains: case- and accent-insensitive ("informacion" finds "Información")' }),
  sessionId: sessionIdSchema.optional().openapi({ description: 'Only messages of this session' }),
  chatId: z.string().trim().min(3).max(200).optional().openapi({ description: 'Only messages of this chat (with sessionId)' }),
  limit: z.coerce.number().int().min(1).max(SEARCH_PAGE_MAX).default(20),
});

/** One hit: the message, and its chat as the inbox lists it. */
export const messageSearchHitSchema = z.object({ message: messageSchema, chat: inboxChatSchema }).openapi('MessageSearchHit');

/** Most marked messages one page returns (the inbox reads every page it shows as one). */
export const STARRED_PAGE_MAX = 200;

/** GET /api/messages/starred. */
export const starredMessagesQuery = pageQuery.extend({
  sessionId: sessionIdSchema.optional().openapi({ description: 'Only messages of this session' }),
  limit: z.coerce.number().int().min(1).max(STARRED_PAGE_MAX).default(30),
});

/** A page of marked messages, the latest marked first (`total` -1, as a search's). */
export const starredPageSchema = z
  .object({ data: z.array(messageSearchHitSchema), total: z.literal(-1), page: z.number().int(), limit: z.number().int() })
  .openapi('StarredMessagePage');

/** A page of hits, newest first (`total` is -1: counting would read every message again). */
export const messageSearchPageSchema = z
  .object({ data: z.array(messageSearchHitSchema), total: z.literal(-1), page: z.number().int(), limit: z.number().int() })
  .openapi('MessageSearchPage');
