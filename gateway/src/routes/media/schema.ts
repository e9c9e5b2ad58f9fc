import { MESSAGE_KINDS } from '@switchboard/shared';
import { z } from '../../openapi/zod.ts';
import { AppError } from '../../errors.ts';
import { objectId, sessionParams } from '../common.ts';

/** Parses a session id path parameter (same rule as the rest of the API). */
export function parseSessionId(raw: string | undefined): string {
  if (!raw || !/^[A-Za-z0-9_-]{1,64}$/.test(raw)) throw new AppError(400, 'validation_failed', 'Invalid session id');
  return raw;
}

/** Parses a chat JID path parameter. */
export function parseChatId(raw: string | undefined): string {
  if (!raw || raw.length > 200 || !/^[0-9A-Za-z._:-]+@[a-z.]+$/.test(raw)) {
    throw new AppError(400, 'validation_failed', 'Invalid chat id');
  }
  return raw;
}

/** Validated query of the media list: paging plus optional kind and chat filters. */
export function listMediaQuery(q: Record<string, unknown>): { page: number; limit: number; filter: Record<string, string> } {
  const num = (v: unknown, def: number, max: number): number => {
    if (v === undefined) return def;
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new AppError(400, 'validation_failed', 'Invalid paging parameters');
    return n;
  };
  const filter: Record<string, string> = {};
  if (q.kind !== undefined) {
    if (typeof q.kind !== 'string' || !(MESSAGE_KINDS as readonly string[]).includes(q.kind)) {
      throw new AppError(400, 'validation_failed', 'Invalid kind');
    }
    filter.kind = q.kind;
  }
  if (q.chatId !== undefined) filter.chatId = parseChatId(typeof q.chatId === 'string' ? q.chatId : undefined);
  return { page: num(q.page, 1, 1_000_000), limit: num(q.limit, 50, 200), filter };
}

/** Media metadata as returned by uploads, `/info` and lists (documentation of MediaInfo). */
export const mediaInfoSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    chatId: z.string().nullable(),
    messageId: z.string().nullable(),
    kind: z.string(),
    mimeType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    width: z.number().nullable(),
    height: z.number().nullable(),
    durationMs: z.number().nullable(),
    fileName: z.string().nullable(),
    direction: z.enum(['in', 'out']),
    url: z.string(),
    downloadUrl: z.string(),
    thumbnailUrl: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('MediaInfo');

/** `:fileId` path params (checked by parseMediaId for the stable `invalid_media_id` code). */
export const fileParams = z.object({ fileId: z.string().max(64).openapi({ description: 'Media id (24 hex characters)', example: '665f1c2b9d3e4a0012345678' }) });

/** `:sessionId/chats/:chatId` path params (chatId checked by parseChatId). */
export const chatPhotoParams = sessionParams.extend({ chatId: z.string().max(200).openapi({ example: '34600000000@s.whatsapp.net' }) });

/** Documented query of the media list (validated by listMediaQuery). */
export const listMediaQuerySchema = z.object({
  page: z.string().optional().openapi({ description: 'Page number, from 1' }),
  limit: z.string().optional().openapi({ description: '1-200, default 50' }),
  kind: z.string().optional().openapi({ description: `One of ${MESSAGE_KINDS.join(', ')}` }),
  chatId: z.string().optional().openapi({ description: 'Only media of this chat (JID)' }),
});

/** Documented query of an upload (kind validated by the handler: `invalid_kind`). */
export const uploadQuerySchema = z.object({
  to: z.string().optional().openapi({ description: 'Chat the file is for (phone or JID): assigned users may read it back' }),
  kind: z.string().optional().openapi({ description: 'Force a kind: image, video, audio, voice, document, sticker' }),
});

/** Query of a signed media URL (documented on the byte routes; checked by authenticateMediaUrl). */
export const signedUrlQuery = z.object({
  sig: z.string().max(128).optional().openapi({ description: 'Signature from POST /api/media/sign (instead of the Authorization header)' }),
  exp: z.string().max(16).optional().openapi({ description: 'Expiry of the signed URL (seconds since epoch)' }),
  u: z.string().max(64).optional().openapi({ description: 'User the URL was signed for' }),
});

/** Body of POST /api/media/sign. */
export const signBody = z.object({ ids: z.array(objectId).min(1).max(100) }).openapi('SignMediaRequest');

/** Answer of POST /api/media/sign (SignedMediaUrls). */
export const signResponse = z
  .object({
    urls: z.record(z.string(), z.string()).openapi({ description: 'Media id → signed URL; ids the caller may not read are left out' }),
    expiresAt: z.number().openapi({ description: 'ms since epoch after which the URLs stop working' }),
  })
  .openapi('SignedMediaUrls');
