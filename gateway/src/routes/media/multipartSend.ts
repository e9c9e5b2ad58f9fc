/**
 * The multipart form of POST /api/sessions/:sessionId/messages: a message with its file.
 * Flow: HTTP → here (authorise, stream the file to GridFS) → validation of the other fields
 * with shared's outgoing-message schema → messages.ts handler → hub.send.
 */
import type { Context, Next } from 'koa';
import { recipientJid } from '@switchboard/shared';
import { Session, type MediaDoc } from '@switchboard/shared/node';
import type { AuthContext } from '../../auth/authContext.ts';
import type { GatewayDeps } from '../../deps.ts';
import { AppError, notFound, validationFailed } from '../../errors.ts';
import { consume } from '../../middlewares/rateLimit.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { sessionIdSchema } from '../common.ts';
import { discardMedia, storeStream } from './mediaStore.ts';
import { readMultipart } from './multipart.ts';

/** 415 when the server runs without the media pool (uploads disabled). */
export const uploadsOff = (): AppError => new AppError(415, 'multipart_unavailable', 'File uploads are not enabled on this server');

/**
 * Middleware of the send route for multipart bodies (JSON bodies pass through). The send to the
 * form's `to` is authorised when the file part begins — before a byte of the file is read and
 * before the database is asked whether the session exists, so a caller learns nothing about
 * sessions it may not send in — which is why `to` must come before `file` in the form (and
 * `kind=voice`, for a voice note to be stored as one). The file
 * then streams to GridFS as media of that chat (assigned users can read it back), and the other
 * fields plus `mediaId` go on to validation as the body. When the rest of the request fails,
 * the stored file is deleted again: no orphan media.
 */
export function multipartSend(deps: GatewayDeps) {
  return async function multipartSendMiddleware(ctx: Context, next: Next): Promise<void> {
    if (!ctx.is('multipart/form-data')) return next();
    const upload = deps.upload;
    if (!upload) throw uploadsOff();
    await consume(deps.limiters, 'upload', ctx.ip);
    const auth = ctx.state.auth as AuthContext;
    const parsedSession = sessionIdSchema.safeParse(ctx.params.sessionId);
    if (!parsedSession.success) throw validationFailed([{ in: 'params', path: 'sessionId', code: 'invalid_format', message: 'Invalid session id' }]);
    const sessionId = parsedSession.data;
    let to = '';
    const { fields, file: media } = await readMultipart<MediaDoc>(ctx, {
      async onFile(before, part) {
        if (!before.to) throw validationFailed([{ in: 'body', path: 'to', code: 'custom', message: 'Give `to` before the file in the form' }]);
        to = before.to;
        const chatId = recipientJid(to);
        authorize(auth, 'send', subjects.message(sessionId, chatId));
        authorize(auth, 'create', subjects.media({ sessionId, chatId }));
        if (!(await Session.exists({ sessionId }))) throw notFound('session');
        // `kind=voice` before the file: a voice note, stored as WhatsApp plays them (Opus in Ogg).
        const voice = before.kind === 'voice' ? { kind: 'voice' as const } : {};
        return storeStream(part.stream, part.claimedType, { sessionId, chatId, userId: auth.user.id, fileName: part.fileName, ...voice }, upload);
      },
      discard: discardMedia,
    });
    // `to` as authorised: a second `to` after the file does not redirect the message.
    (ctx.request as { body?: unknown }).body = { ...fields, to, mediaId: media._id.toString() };
    try {
      await next();
    } catch (err) {
      await discardMedia(media).catch((e: unknown) => deps.logger.error({ err: e }, 'discarding an unsent upload failed'));
      throw err;
    }
  };
}
