import { Readable } from 'node:stream';
import type { MessageKind } from '@switchboard/shared';
import { deleteMedia, dropMediaDocument, Media, type MediaDoc } from '@switchboard/shared/node';
import type { Context } from 'koa';
import { Types } from 'mongoose';
import { AppError } from '../../errors.ts';
import type { MediaPool } from '../../media-pool/index.ts';
import { writeBlob } from './blobs.ts';
import { SNIFF_BYTES, sniffContentType } from './contentType.ts';
import { processImage, processVideo, type MediaFacts } from './mediaFacts.ts';
import { readMultipart } from './multipart.ts';

/** Limits of uploads (MEDIA_MAX_BYTES and an allow-list of MIME types). */
export interface UploadLimits {
  maxBytes: number;
  /** Allowed MIME types; `type/*` allows a whole family. Default: DEFAULT_ALLOWED_TYPES. */
  allowedTypes?: readonly string[];
}

/** What WhatsApp can carry: images, video, audio, and common document formats. */
export const DEFAULT_ALLOWED_TYPES: readonly string[] = [
  'image/*',
  'video/*',
  'audio/*',
  'text/plain',
  'text/csv',
  'application/pdf',
  'application/zip',
  'application/json',
  'application/msword',
  'application/vnd.*',
  'application/octet-stream',
];

/** Who and what an upload belongs to. */
export interface UploadMeta {
  sessionId: string;
  /** Chat JID the media is for (lets employees assigned to it read it back). */
  chatId?: string | null;
  userId?: string | null;
  /** Message kind; inferred from the MIME type when absent. */
  kind?: MessageKind;
  fileName?: string | null;
}

export { mediaTooLarge } from './blobs.ts';
/** 415 with a stable code. */
export const mediaTypeNotAllowed = (mimeType: string): AppError =>
  new AppError(415, 'media_type_not_allowed', `Files of type ${mimeType} are not accepted`, { mimeType });

/** True when the MIME type matches the allow-list. */
export function isAllowedType(mimeType: string, allowed: readonly string[] = DEFAULT_ALLOWED_TYPES): boolean {
  const type = mimeType.toLowerCase().split(';')[0]!.trim();
  return allowed.some((a) => (a.endsWith('*') ? type.startsWith(a.slice(0, -1)) : type === a));
}

/** The message kind a MIME type suggests. */
export function kindOf(mimeType: string): MessageKind {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('video/')) return 'video';
  if (mimeType.startsWith('audio/')) return 'audio';
  return 'document';
}

/** Images up to this size go through the media pool (dimensions, compression, thumbnail); larger ones are stored as sent. */
export const POOL_MAX_BYTES = 16 * 1024 * 1024;

/** The first chunks of a stream, at least `bytes` of them unless the stream is shorter. */
async function readHead(it: AsyncIterator<Uint8Array>, bytes: number): Promise<{ chunks: Buffer[]; done: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < bytes) {
    const r = await it.next();
    if (r.done) return { chunks, done: true };
    const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    chunks.push(chunk);
    size += chunk.length;
  }
  return { chunks, done: false };
}

/** The head chunks, then the rest of the iterator; keeps a copy in `keep` while it is small enough for the pool. */
async function* replay(head: { chunks: Buffer[]; done: boolean }, it: AsyncIterator<Uint8Array>, keep: Buffer[] | null): AsyncGenerator<Buffer> {
  let kept = 0;
  const tee = (chunk: Buffer): Buffer => {
    kept += chunk.length;
    if (keep && kept <= POOL_MAX_BYTES) keep.push(chunk);
    else if (keep) keep.length = 0; // too large for the pool: stored as sent
    return chunk;
  };
  try {
    for (const chunk of head.chunks) yield tee(chunk);
    if (head.done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield tee(Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value));
  } finally {
    await it.return?.();
  }
}

/**
 * Stores a stream as a Media document without holding it in memory: the first bytes decide the
 * type (sniffed, see contentType.ts; 415 when the claim or the sniffed type is off the
 * allow-list), then the bytes stream to GridFS, hashed and counted on the way (413 past
 * `maxBytes`, leaving no partial file). Images small enough for the pool are also kept and
 * processed there: dimensions, a recompressed copy when large (which replaces the original in
 * GridFS) and a thumbnail. Videos are read back from GridFS into the pool's ffmpeg (mediaFacts.ts):
 * an H.264 copy when large and smaller, and a poster; so are voice notes (`kind: 'voice'`), kept
 * as Opus in Ogg — what WhatsApp plays as one — and converted to it otherwise (a browser records
 * WebM or MP4).
 */
export async function storeStream(
  source: AsyncIterable<Uint8Array>,
  claimedType: string,
  meta: UploadMeta,
  deps: { pool: MediaPool; limits: UploadLimits },
): Promise<MediaDoc> {
  const it = source[Symbol.asyncIterator]();
  const written: Types.ObjectId[] = [];
  try {
    if (!isAllowedType(claimedType, deps.limits.allowedTypes)) throw mediaTypeNotAllowed(claimedType);
    const head = await readHead(it, SNIFF_BYTES);
    const mimeType = await sniffContentType(Buffer.concat(head.chunks), claimedType);
    if (!isAllowedType(mimeType, deps.limits.allowedTypes)) throw mediaTypeNotAllowed(mimeType);
    const kind = meta.kind ?? kindOf(mimeType);
    const keep: Buffer[] | null = (kind === 'image' || kind === 'sticker') && mimeType.startsWith('image/') ? [] : null;
    const fileName = meta.fileName ?? null;
    const blob = await writeBlob(Readable.from(replay(head, it, keep)), fileName ?? 'media', mimeType, deps.limits.maxBytes);
    written.push(blob.id);
    const facts: MediaFacts = keep?.length
      ? await processImage(deps.pool, Buffer.concat(keep.splice(0)), { blob, mimeType, kind, fileName: fileName ?? 'media' }, written)
      : (kind === 'video' && mimeType.startsWith('video/')) || (kind === 'voice' && /^(audio|video)\//.test(mimeType))
        ? await processVideo(deps.pool, { blob, mimeType, kind, fileName: fileName ?? 'media' }, written)
        : { blob, mimeType, width: null, height: null, durationMs: null, thumbnailGridFsId: null };
    const doc = await Media.create({
      sessionId: meta.sessionId,
      chatId: meta.chatId ?? null,
      kind,
      mimeType: facts.mimeType,
      size: facts.blob.size,
      sha256: facts.blob.sha256,
      width: facts.width,
      height: facts.height,
      durationMs: facts.durationMs,
      fileName,
      gridFsId: facts.blob.id,
      thumbnailGridFsId: facts.thumbnailGridFsId,
      direction: 'out',
      uploadedBy: meta.userId && Types.ObjectId.isValid(meta.userId) ? new Types.ObjectId(meta.userId) : null,
    });
    return doc.toObject();
  } catch (err) {
    // Nothing half-done stays behind: no unread stream, no orphan bytes in GridFS.
    await it.return?.().catch(() => undefined);
    await Promise.all(written.map((id) => deleteMedia(id).catch(() => false)));
    throw err;
  }
}

/**
 * Reads a multipart upload (field `file`) and stores it with `storeStream` as it arrives (see
 * multipart.ts): nothing is buffered beyond the sniffed head (and images small enough for the pool).
 */
export async function storeUpload(ctx: Context, meta: UploadMeta, deps: { pool: MediaPool; limits: UploadLimits }): Promise<MediaDoc> {
  const { file } = await readMultipart<MediaDoc>(ctx, {
    onFile: (_fields, part) => storeStream(part.stream, part.claimedType, { ...meta, fileName: meta.fileName ?? part.fileName }, deps),
    discard: dropMediaDocument,
  });
  return file;
}

