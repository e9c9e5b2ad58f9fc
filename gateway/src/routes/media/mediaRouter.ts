import Router from '@koa/router';
import { subject } from '@casl/ability';
import { accessibleBy } from '@casl/mongoose';
import { AuditLog, Chat, deleteMedia, Media, Session } from '@switchboard/shared/node';
import type { SessionHub } from '@switchboard/shared';
import type { Context } from 'koa';
import type { Logger } from 'pino';
import type { AuthContext } from '../../auth/authContext.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { MediaPool } from '../../media-pool/index.ts';
import { authenticate } from '../../middlewares/authenticate.ts';
import { recipientJid } from '../messages/recipient.ts';
import { loadMediaFor } from './mediaAccess.ts';
import { storeUpload, type UploadLimits } from './mediaStore.ts';
import { presentMedia } from './presentMedia.ts';
import { getProfilePicture, type ProfilePictureDeps } from './profilePicture.ts';
import { sendMedia } from './sendMedia.ts';
import { listMediaQuery, parseChatId, parseSessionId } from './schema.ts';

/** Dependencies of the media routes. */
export interface MediaRouterDeps {
  jwtSecret: string;
  pool: MediaPool;
  hub: Pick<SessionHub, 'call'>;
  logger: Logger;
  /** MEDIA_MAX_BYTES and the MIME allow-list of uploads. */
  limits: UploadLimits;
  /** Profile pictures are cached this long (default 24 h). */
  profilePictureTtlMs?: number;
  now?: () => Date;
}

const auth = (ctx: Context): AuthContext => ctx.state.auth as AuthContext;

/** Writes an audit entry; a failure is logged, never thrown. */
async function audit(deps: MediaRouterDeps, ctx: Context, action: string, targetId: string, details: Record<string, unknown>): Promise<void> {
  try {
    await AuditLog.create({
      userId: auth(ctx).user.id,
      action,
      targetType: 'Media',
      targetId,
      details,
      ip: ctx.ip,
      userAgent: ctx.get('user-agent').slice(0, 500),
      at: deps.now?.() ?? new Date(),
    });
  } catch (err) {
    deps.logger.error({ err, action }, 'audit write failed');
  }
}

/**
 * Media REST routes (mount on the gateway app after `onerror`):
 * GET /api/media/session/:sessionId, GET /api/media/:fileId[/download|/info|/thumbnail],
 * DELETE /api/media/:fileId, POST /api/sessions/:sessionId/media (multipart upload),
 * GET /api/sessions/:sessionId/chats/:chatId/photo. Every route authenticates like REST and
 * checks the caller's CASL ability against the media's session and chat.
 */
export function mediaRouter(deps: MediaRouterDeps): Router {
  const router = new Router();
  const user = authenticate({ secret: deps.jwtSecret, allowPendingPassword: false });
  const pictures: ProfilePictureDeps = { hub: deps.hub, logger: deps.logger.child({ module: 'profile-picture' }), ...(deps.now ? { now: deps.now } : {}), ...(deps.profilePictureTtlMs ? { ttlMs: deps.profilePictureTtlMs } : {}) };

  router.get('/api/media/session/:sessionId', user, async (ctx) => {
    const sessionId = parseSessionId(ctx.params.sessionId);
    const { ability, user: me } = auth(ctx);
    if (!ability.can('read', 'Media')) throw forbidden();
    const q = listMediaQuery(ctx.query);
    const visible = { $or: [accessibleBy(ability, 'read').ofType('Media'), { uploadedBy: me._id }] };
    const filter = { $and: [visible, { sessionId }, q.filter] };
    const [docs, total] = await Promise.all([
      Media.find(filter).sort({ createdAt: -1 }).skip((q.page - 1) * q.limit).limit(q.limit).lean(),
      Media.countDocuments(filter),
    ]);
    ctx.body = { data: docs.map(presentMedia), total, page: q.page, limit: q.limit };
  });

  router.get('/api/media/:fileId', user, async (ctx) => {
    const doc = await loadMediaFor(auth(ctx).ability, auth(ctx).user.id, ctx.params.fileId!);
    await sendMedia(ctx, { gridFsId: doc.gridFsId, mimeType: doc.mimeType, sha256: doc.sha256 });
  });

  router.get('/api/media/:fileId/download', user, async (ctx) => {
    const doc = await loadMediaFor(auth(ctx).ability, auth(ctx).user.id, ctx.params.fileId!);
    const name = doc.fileName ?? `${doc._id.toString()}.${doc.mimeType.split('/')[1]?.split(';')[0] ?? 'bin'}`;
    await sendMedia(ctx, { gridFsId: doc.gridFsId, mimeType: doc.mimeType, sha256: doc.sha256, download: name });
  });

  router.get('/api/media/:fileId/info', user, async (ctx) => {
    ctx.body = presentMedia(await loadMediaFor(auth(ctx).ability, auth(ctx).user.id, ctx.params.fileId!));
  });

  router.get('/api/media/:fileId/thumbnail', user, async (ctx) => {
    const doc = await loadMediaFor(auth(ctx).ability, auth(ctx).user.id, ctx.params.fileId!);
    if (!doc.thumbnailGridFsId) throw new AppError(404, 'no_thumbnail', 'This media file has no thumbnail');
    await sendMedia(ctx, { gridFsId: doc.thumbnailGridFsId, mimeType: 'image/jpeg' });
  });

  router.delete('/api/media/:fileId', user, async (ctx) => {
    const doc = await loadMediaFor(auth(ctx).ability, auth(ctx).user.id, ctx.params.fileId!, 'delete');
    await Media.deleteOne({ _id: doc._id });
    await deleteMedia(doc.gridFsId);
    if (doc.thumbnailGridFsId) await deleteMedia(doc.thumbnailGridFsId);
    await audit(deps, ctx, 'media.delete', doc._id.toString(), { sessionId: doc.sessionId, size: doc.size });
    ctx.status = 204;
  });

  router.post('/api/sessions/:sessionId/media', user, async (ctx) => {
    const sessionId = parseSessionId(ctx.params.sessionId);
    const { ability, user: me } = auth(ctx);
    if (!ability.can('create', 'Media')) throw forbidden();
    // The chat is given in the query (`?to=`) so it is known before the body is read.
    const to = typeof ctx.query.to === 'string' ? ctx.query.to : undefined;
    const chatId = to ? recipientJid(to) : null;
    if (chatId ? !ability.can('send', subject('Message', { sessionId, chatId })) : !ability.can('read', subject('Media', { sessionId }))) {
      throw forbidden();
    }
    if (!(await Session.exists({ sessionId }))) throw notFound('session');
    const kind = typeof ctx.query.kind === 'string' ? ctx.query.kind : undefined;
    const doc = await storeUpload(ctx, { sessionId, chatId, userId: me.id, ...(kind ? { kind: parseKind(kind) } : {}) }, deps);
    await audit(deps, ctx, 'media.upload', doc._id.toString(), { sessionId, chatId, size: doc.size, kind: doc.kind });
    ctx.status = 201;
    ctx.body = presentMedia(doc);
  });

  router.get('/api/sessions/:sessionId/chats/:chatId/photo', user, async (ctx) => {
    const sessionId = parseSessionId(ctx.params.sessionId);
    const chatId = parseChatId(ctx.params.chatId);
    if (!auth(ctx).ability.can('read', subject('Chat', { sessionId, jid: chatId }))) throw forbidden();
    const chat = await Chat.findOne({ sessionId, jid: chatId }).lean();
    if (!chat) throw notFound('chat');
    const picture = await getProfilePicture(pictures, chat).catch((err: unknown) => {
      deps.logger.warn({ err, sessionId }, 'profile picture unavailable');
      throw new AppError(503, 'session_unavailable', 'The session cannot fetch the picture right now');
    });
    if (!picture.media) throw new AppError(404, 'no_profile_picture', 'This contact has no profile picture');
    await sendMedia(ctx, { gridFsId: picture.media.gridFsId, mimeType: picture.media.mimeType, sha256: picture.media.sha256 });
  });

  return router;
}

/** Upload kinds a client may force (e.g. `voice` for a voice note, `sticker`). */
function parseKind(raw: string): 'image' | 'video' | 'audio' | 'voice' | 'document' | 'sticker' {
  const kinds = ['image', 'video', 'audio', 'voice', 'document', 'sticker'] as const;
  const kind = kinds.find((k) => k === raw);
  if (!kind) throw new AppError(400, 'invalid_kind', `kind must be one of ${kinds.join(', ')}`);
  return kind;
}
