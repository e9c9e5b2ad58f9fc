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

/** Download answers meaning the URL expired: only the sender's phone can upload the file again. */
const REUPLOAD_STATUSES = [404, 410];

/** The HTTP status of a failed download (Boom's `output.statusCode`, or `status`). */
function httpStatusOf(err: unknown): number | undefined {
  const e = err as { status?: unknown; output?: { statusCode?: unknown } } | null;
  const status = e?.output?.statusCode ?? e?.status;
  return typeof status === 'number' ? status : undefined;
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
  const reupload = boundedReupload(ctx.sock, ctx.reuploadTimeoutMs ?? 30_000);
  const download = async (m: WAMessage) =>
    (await downloadMediaMessage(m, 'stream', options ? { options } : {}, { logger: ctx.logger, reuploadRequest: reupload })) as Readable;
  let stream: Readable;
  try {
    stream = await download(msg);
  } catch (err) {
    // Baileys 7.0.0-rc14 re-uploads only on an error with `status` 404/410, but its download
    // errors are Booms carrying `output.statusCode`, so its own re-upload never fires: ask here.
    if (!REUPLOAD_STATUSES.includes(httpStatusOf(err) ?? 0)) throw err;
    ctx.logger.info({ messageId: ctx.messageId }, 'media URL expired: asking the phone to upload it again');
    // The new URL is built on the media host of the last media_conn (mmg.whatsapp.net before
    // any): fetch it first (cached for its TTL) so the host is the one WhatsApp gave us.
    await ctx.sock.refreshMediaConn(false);
    stream = await download(await reupload(msg));
  }
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
