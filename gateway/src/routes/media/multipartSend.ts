/**
 * The multipart form of POST /api/sessions/:sessionId/messages (a message with its file) and of
 * POST …/chats/:chatId/scheduled (a reply with its file, sent later: the chat is the path's).
 * Flow: HTTP → here (authorise, stream the file to GridFS) → validation of the other fields
 * with shared's outgoing-message schema → messages.ts handler → hub.send.
 */
import type { Context, Next } from 'koa';
import { MEDIA_MESSAGE_KINDS, recipientJid, type MessageKind } from '@switchboard/shared';
import { dropMediaDocument, Session, type MediaDoc } from '@switchboard/shared/node';
import type { AuthContext } from '../../auth/authContext.ts';
import type { GatewayDeps } from '../../deps.ts';
import { AppError, notFound, validationFailed } from '../../errors.ts';
import { consume } from '../../middlewares/rateLimit.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { sessionIdSchema } from '../common.ts';
import { storeStream } from './mediaStore.ts';
import { readMultipart } from './multipart.ts';

/** 415 when the server runs without the media pool (uploads disabled). */
export const uploadsOff = (): AppError => new AppError(415, 'multipart_unavailable', 'File uploads are not enabled on this server');

/**
 * Middleware of the send route for multipart bodies (JSON bodies pass through). The send to the
 * form's `to` is authorised when the file part begins — before a byte of the file is read and
 * before the database is asked whether the session exists, so a caller learns nothing about
 * sessions it may not send in — which is why `to` must come before `file` in the form (and a
 * media `kind`, e.g. `voice`, for the file to be stored as that kind rather than by its type). The file
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
        const target = typeof ctx.params.chatId === 'string' ? ctx.params.chatId : before.to;
        if (!target) throw validationFailed([{ in: 'body', path: 'to', code: 'custom', message: 'Give `to` before the file in the form' }]);
        to = target;
        const chatId = recipientJid(to);
        authorize(auth, 'send', subjects.message(sessionId, chatId));
        authorize(auth, 'create', subjects.media({ sessionId, chatId }));
        if (!(await Session.exists({ sessionId }))) throw notFound('session');
        // A media `kind` before the file is stored as given (a voice note is kept as WhatsApp plays them).
        const kind = (MEDIA_MESSAGE_KINDS as readonly string[]).includes(before.kind ?? '') ? { kind: before.kind as MessageKind } : {};
        return storeStream(part.stream, part.claimedType, { sessionId, chatId, userId: auth.user.id, fileName: part.fileName, ...kind }, upload);
      },
      discard: dropMediaDocument,
    });
    // `to` as authorised: a second `to` after the file does not redirect the message.
    (ctx.request as { body?: unknown }).body = { ...fields, to, mediaId: media._id.toString() };
    try {
      await next();
    } catch (err) {
      await dropMediaDocument(media).catch((e: unknown) => deps.logger.error({ err: e }, 'discarding an unsent upload failed'));
      throw err;
    }
  };
}
