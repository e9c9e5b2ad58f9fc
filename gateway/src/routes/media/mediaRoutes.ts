import { Chat, dropMediaDocument, Media, Session, type MediaDoc } from '@switchboard/shared/node';
import { recipientJid } from '@switchboard/shared';
import { AppError, notFound } from '../../errors.ts';
import { allowed, authorize, scope, subjects } from '../../policies/subjects.ts';
import { listOf, sessionParams } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { loadMediaFor } from './mediaAccess.ts';
import { storeUpload } from './mediaStore.ts';
import { assertMultipart } from './multipart.ts';
import { uploadsOff } from './multipartSend.ts';
import { presentMedia } from './presentMedia.ts';
import { getProfilePicture } from './profilePicture.ts';
import { chatPhotoParams, fileParams, listMediaQuery, listMediaQuerySchema, mediaInfoSchema, parseChatId, signedUrlQuery, uploadQuerySchema } from './schema.ts';
import { mediaSignRoutes } from './signRoutes.ts';
import { sendMedia } from './sendMedia.ts';

const tag = 'Media';
const bytes = (description: string) => ({ status: 200, description, binary: { range: true } });

/** The name a file is saved under: its own, or `<id>.<subtype>`. */
const fileNameOf = (doc: Pick<MediaDoc, '_id' | 'fileName' | 'mimeType'>): string =>
  doc.fileName ?? `${doc._id.toString()}.${doc.mimeType.split('/')[1]?.split(';')[0] ?? 'bin'}`;

/** Upload kinds a client may force (e.g. `voice` for a voice note, `sticker`). */
function parseKind(raw: string): 'image' | 'video' | 'audio' | 'voice' | 'document' | 'sticker' {
  const kinds = ['image', 'video', 'audio', 'voice', 'document', 'sticker'] as const;
  const kind = kinds.find((k) => k === raw);
  if (!kind) throw new AppError(400, 'invalid_kind', `kind must be one of ${kinds.join(', ')}`);
  return kind;
}

/**
 * Media routes, part of the one route table: reading (with HTTP Range), listing, deleting and
 * uploading files, and contact profile pictures. Media the caller may not read answers 404.
 */
export const mediaRoutes: RouteDef[] = [
  ...mediaSignRoutes,
  defineRoute({
    method: 'get', path: '/api/media/session/:sessionId', tag, summary: 'Media files of a session the caller may see', auth: 'user', permission: ['read', 'Media'],
    record: 'Media', params: sessionParams, query: listMediaQuerySchema,
    response: { status: 200, description: 'A page of media metadata, newest first', schema: listOf(mediaInfoSchema) },
    async handler({ auth, params, query }) {
      const q = listMediaQuery(query);
      // 404 for an unknown session only to callers who may read it (others learn nothing of it);
      // callers who may not still get the files they may read there (their uploads, at least).
      if (allowed(auth, 'read', subjects.session(params.sessionId)) && !(await Session.exists({ sessionId: params.sessionId }))) throw notFound('session');
      const visible = { $or: [scope(auth!, 'read', 'Media'), { uploadedBy: auth!.user._id }] };
      const filter = { $and: [visible, { sessionId: params.sessionId }, q.filter] };
      const [docs, total] = await Promise.all([
        Media.find(filter).sort({ createdAt: -1 }).skip((q.page - 1) * q.limit).limit(q.limit).lean(),
        Media.countDocuments(filter),
      ]);
      return { data: docs.map(presentMedia), total, page: q.page, limit: q.limit };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/media/:fileId', tag, summary: 'The bytes of a media file (inline for images but SVG, audio, video and PDF, else as an attachment; Range supported; bearer token or signed URL)', auth: 'user-or-signed-url', permission: ['read', 'Media'],
    record: 'Media', params: fileParams, query: signedUrlQuery, response: bytes('The file, or one byte range of it (206)'),
    async handler({ auth, params, koa }) {
      const doc = await loadMediaFor(auth!, params.fileId);
      await sendMedia(koa, { gridFsId: doc.gridFsId, mimeType: doc.mimeType, sha256: doc.sha256, fileName: fileNameOf(doc) });
    },
  }),
  defineRoute({
    method: 'get', path: '/api/media/:fileId/download', tag, summary: 'A media file as an attachment with its file name (Range supported; bearer token or signed URL)', auth: 'user-or-signed-url', permission: ['read', 'Media'],
    record: 'Media', params: fileParams, query: signedUrlQuery, response: bytes('The file with Content-Disposition: attachment'),
    async handler({ auth, params, koa }) {
      const doc = await loadMediaFor(auth!, params.fileId);
      await sendMedia(koa, { gridFsId: doc.gridFsId, mimeType: doc.mimeType, sha256: doc.sha256, download: fileNameOf(doc) });
    },
  }),
  defineRoute({
    method: 'get', path: '/api/media/:fileId/info', tag, summary: 'Metadata of a media file', auth: 'user', permission: ['read', 'Media'],
    record: 'Media', params: fileParams, response: { status: 200, description: 'Media metadata', schema: mediaInfoSchema },
    async handler({ auth, params }) {
      return presentMedia(await loadMediaFor(auth!, params.fileId));
    },
  }),
  defineRoute({
    method: 'get', path: '/api/media/:fileId/thumbnail', tag, summary: 'JPEG thumbnail of an image or video (bearer token or signed URL)', auth: 'user-or-signed-url', permission: ['read', 'Media'],
    record: 'Media', params: fileParams, query: signedUrlQuery, response: bytes('image/jpeg thumbnail (404 `no_thumbnail` when there is none)'),
    async handler({ auth, params, koa }) {
      const doc = await loadMediaFor(auth!, params.fileId);
      if (!doc.thumbnailGridFsId) throw new AppError(404, 'no_thumbnail', 'This media file has no thumbnail');
      await sendMedia(koa, { gridFsId: doc.thumbnailGridFsId, mimeType: 'image/jpeg' });
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/media/:fileId', tag, summary: 'Delete a media file and its bytes', auth: 'user', permission: ['delete', 'Media'],
    record: 'Media', params: fileParams, audit: 'media.delete', response: { status: 204, description: 'Deleted' },
    async handler({ auth, params, audit }) {
      const doc = await loadMediaFor(auth!, params.fileId, 'delete');
      await dropMediaDocument(doc);
      Object.assign(audit, { targetType: 'Media', targetId: doc._id.toString(), details: { sessionId: doc.sessionId, size: doc.size } });
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/media', tag, summary: 'Upload a file (multipart/form-data, field `file`) to send later by mediaId', auth: 'user', permission: ['create', 'Media'],
    record: 'Media', rateLimit: 'upload', params: sessionParams, query: uploadQuerySchema, audit: 'media.upload', upload: { fields: {} },
    response: { status: 201, description: 'Stored; 413 `media_too_large`, 415 `media_type_not_allowed` / `multipart_required`', schema: mediaInfoSchema },
    async handler({ deps, auth, params, query, koa, audit }) {
      const { sessionId } = params;
      // The chat is given in the query (`?to=`) so it is known, and authorised, before the body is read.
      const chatId = query.to ? recipientJid(query.to) : null;
      authorize(auth, chatId ? 'send' : 'read', chatId ? subjects.message(sessionId, chatId) : subjects.media({ sessionId }));
      authorize(auth, 'create', subjects.media({ sessionId, chatId }));
      const kind = query.kind ? parseKind(query.kind) : undefined;
      if (!deps.upload) throw uploadsOff();
      assertMultipart(koa);
      if (!(await Session.exists({ sessionId }))) throw notFound('session');
      // Streamed to GridFS as it arrives (see mediaStore.storeUpload): never held in memory.
      const doc = await storeUpload(koa, { sessionId, chatId, userId: auth!.user.id, ...(kind ? { kind } : {}) }, deps.upload);
      Object.assign(audit, { targetType: 'Media', targetId: doc._id.toString(), details: { sessionId, chatId, size: doc.size, kind: doc.kind } });
      return presentMedia(doc);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/chats/:chatId/photo', tag, summary: 'Profile picture of a chat (cached, refreshed from WhatsApp)', auth: 'user', permission: ['read', 'Chat'],
    record: 'Chat', params: chatPhotoParams, response: bytes('The picture (404 `no_profile_picture` when the contact has none)'),
    async handler({ deps, auth, params, koa }) {
      const { sessionId } = params;
      const chatId = parseChatId(params.chatId);
      authorize(auth, 'read', subjects.chat(sessionId, chatId));
      const chat = await Chat.findOne({ sessionId, jid: chatId }).lean();
      if (!chat) throw notFound('chat');
      const ttlMs = deps.upload?.profilePictureTtlMs;
      const picture = await getProfilePicture({ hub: deps.hub, logger: deps.logger, now: deps.now, ...(ttlMs ? { ttlMs } : {}) }, chat).catch((err: unknown) => {
        deps.logger.warn({ err, sessionId }, 'profile picture unavailable');
        throw new AppError(503, 'session_unavailable', 'The session cannot fetch the picture right now');
      });
      if (!picture.media) throw new AppError(404, 'no_profile_picture', 'This contact has no profile picture');
      await sendMedia(koa, { gridFsId: picture.media.gridFsId, mimeType: picture.media.mimeType, sha256: picture.media.sha256 });
    },
  }),
];
