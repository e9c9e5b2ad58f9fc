import type { Readable } from 'node:stream';
import { downloadMediaMessage, type WAMessage, type WASocket } from '@whiskeysockets/baileys';
import { Media, putMedia, type MediaDoc } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { MediaInfo } from '../messages/mapContent.ts';

/** Where an incoming file belongs. */
export interface IncomingMediaContext {
  sessionId: string;
  chatId: string;
  messageId: string;
  logger: Logger;
  sock: WASocket;
  dispatcher?: Dispatcher;
  maxBytes?: number;
  /** How long to wait for the phone's re-upload of expired media (ms). Default 30 s. */
  reuploadTimeoutMs?: number;
}

/**
 * Baileys' `updateMediaMessage` waits for the phone's answer with no timeout (only a closed
 * connection ends it), which would hold the actor's persistence queue: bound it.
 */
function boundedReupload(sock: WASocket, timeoutMs: number) {
  return (msg: WAMessage): Promise<WAMessage> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('media re-upload timed out'), { status: 504 })), timeoutMs);
    });
    return Promise.race([sock.updateMediaMessage(msg), timeout]).finally(() => clearTimeout(timer));
  };
}

/**
 * Downloads (and decrypts) an incoming media message with Baileys and streams it into GridFS;
 * writes its Media document (kind, MIME, size, sha256, file name, dimensions, duration) and
 * returns it (the caller puts its id on the message and its summary on the `message` event). WhatsApp re-upload is requested when the URL has expired (404/410).
 */
export async function storeIncomingMedia(msg: WAMessage, info: MediaInfo, ctx: IncomingMediaContext): Promise<MediaDoc> {
  const options = ctx.dispatcher ? ({ dispatcher: ctx.dispatcher } as RequestInit) : undefined;
  const stream = (await downloadMediaMessage(
    msg,
    'stream',
    options ? { options } : {},
    { logger: ctx.logger, reuploadRequest: boundedReupload(ctx.sock, ctx.reuploadTimeoutMs ?? 30_000) },
  )) as Readable;
  const blob = await putMedia(stream, {
    filename: info.fileName ?? `${ctx.messageId}`,
    contentType: info.mimeType,
    metadata: { sessionId: ctx.sessionId, messageId: ctx.messageId },
    ...(ctx.maxBytes ? { maxBytes: ctx.maxBytes } : {}),
  });
  const doc = await Media.create({
    sessionId: ctx.sessionId,
    chatId: ctx.chatId,
    messageId: ctx.messageId,
    kind: info.kind,
    mimeType: info.mimeType,
    size: blob.size,
    sha256: blob.sha256,
    width: info.width ?? null,
    height: info.height ?? null,
    durationMs: info.durationMs ?? null,
    fileName: info.fileName ?? null,
    gridFsId: blob.id,
    direction: 'in',
  });
  return doc.toObject();
}
