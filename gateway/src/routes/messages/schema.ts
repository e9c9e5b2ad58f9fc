import { MESSAGE_KINDS, MESSAGE_STATUSES } from '@switchboard/shared';
import { z } from '../../openapi/zod.ts';
import { objectId, pageQuery } from '../common.ts';

const MEDIA_KINDS = ['image', 'video', 'audio', 'voice', 'document', 'sticker'] as const;
const SENDABLE = ['text', ...MEDIA_KINDS, 'location', 'reaction'] as const;

/** POST /api/sessions/:sessionId/messages (JSON). Media travels by a stored `mediaId`. */
export const sendBody = z
  .object({
    to: z.string().trim().min(5).max(100).openapi({ description: 'Phone number (digits) or JID', example: '34600000000' }),
    kind: z.enum(SENDABLE).optional().openapi({ description: 'Defaults to text, or to the media kind when mediaId is given' }),
    text: z.string().min(1).max(65_536).optional(),
    mediaId: objectId.optional(),
    caption: z.string().max(4096).optional(),
    fileName: z.string().max(255).optional(),
    quotedId: z.string().min(1).max(128).optional(),
    reaction: z.object({ emoji: z.string().max(16), targetId: z.string().min(1).max(128) }).optional(),
    location: z
      .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), name: z.string().max(256).optional(), address: z.string().max(512).optional() })
      .optional(),
    clientId: z.string().min(1).max(200).optional().openapi({ description: 'Idempotency key: the same clientId is accepted once per session' }),
  })
  .superRefine((b, ctx) => {
    const kind = b.kind ?? (b.mediaId ? undefined : 'text');
    if (!kind && b.mediaId) return;
    if (kind === 'text' && !b.text) ctx.addIssue({ code: 'custom', path: ['text'], message: 'A text message needs text' });
    if (kind && (MEDIA_KINDS as readonly string[]).includes(kind) && !b.mediaId) ctx.addIssue({ code: 'custom', path: ['mediaId'], message: 'A media message needs a mediaId' });
    if (kind === 'location' && !b.location) ctx.addIssue({ code: 'custom', path: ['location'], message: 'A location message needs a location' });
    if (kind === 'reaction' && !b.reaction) ctx.addIssue({ code: 'custom', path: ['reaction'], message: 'A reaction needs emoji and targetId' });
  })
  .openapi('SendMessageRequest');

/** Answer of an accepted send. */
export const sendResponse = z
  .object({ messageId: z.string(), status: z.enum(MESSAGE_STATUSES), duplicate: z.boolean(), chatId: z.string() })
  .openapi('AcceptedSend');

/** A chat as returned by the API. */
export const chatSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    name: z.string().nullable(),
    isGroup: z.boolean(),
    unreadCount: z.number(),
    lastMessageAt: z.number().nullable(),
    lastMessagePreview: z.string().nullable(),
    archived: z.boolean(),
    profilePictureMediaId: z.string().nullable(),
  })
  .openapi('Chat');

/** Media facts carried by a message (MessageMediaView). */
export const messageMediaSchema = z
  .object({
    mimeType: z.string(),
    fileName: z.string().nullable(),
    size: z.number().int(),
    width: z.number().nullable(),
    height: z.number().nullable(),
    durationMs: z.number().nullable(),
    hasThumbnail: z.boolean(),
  })
  .openapi('MessageMedia');

/** A message (same shape as Socket.IO events). */
export const messageSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    chatId: z.string(),
    fromMe: z.boolean(),
    sender: z.string().optional(),
    pushName: z.string().optional(),
    kind: z.enum(MESSAGE_KINDS),
    text: z.string().optional(),
    caption: z.string().optional(),
    mediaId: z.string().optional(),
    quotedId: z.string().optional(),
    reaction: z.object({ emoji: z.string(), targetId: z.string() }).optional(),
    location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() }).optional(),
    status: z.enum(MESSAGE_STATUSES),
    timestamp: z.number(),
    clientId: z.string().optional(),
    media: messageMediaSchema.optional().openapi({ description: 'Summary of the media file when mediaId is set' }),
    statusReason: z.string().optional().openapi({ description: 'Why the message failed (status `failed`)' }),
  })
  .openapi('Message');

/** GET /api/sessions/:sessionId/chats */
export const listChatsQuery = pageQuery.extend({ type: z.enum(['individual', 'group', 'all']).default('all'), q: z.string().trim().max(100).optional() });

/** GET /api/sessions/:sessionId/messages */
export const listMessagesQuery = pageQuery.extend({
  chatId: z.string().trim().min(3).max(100),
  before: z.coerce.number().int().positive().optional().openapi({ description: 'Only messages older than this timestamp (ms)' }),
  after: z.coerce.number().int().nonnegative().optional().openapi({ description: 'Only messages newer than this timestamp (ms), to catch up after a gap' }),
  total: z
    .enum(['true', 'false'])
    .default('true')
    .openapi({ description: '`false` skips counting the matching messages (`total` is then -1): clients that page by `before` do not need it, and a count scans the chat' }),
});

export { MEDIA_KINDS };
