import { once } from 'node:events';
import type { MessageKind } from '@switchboard/shared';
import { deleteMedia, Media, mediaBucket, type MediaDoc } from '@switchboard/shared/node';
import type { Context } from 'koa';
import multer from '@koa/multer';
import { Types } from 'mongoose';
import { AppError } from '../../errors.ts';
import { MediaPoolBusyError, type MediaPool } from '../../media-pool/index.ts';

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

/** 413 with a stable code. */
export const mediaTooLarge = (maxBytes: number): AppError =>
  new AppError(413, 'media_too_large', `The file is larger than ${maxBytes} bytes`, { maxBytes });
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

/** Writes bytes to the GridFS media bucket under a new id. */
async function writeBlob(bytes: Buffer, filename: string, contentType: string): Promise<Types.ObjectId> {
  const id = new Types.ObjectId();
  const upload = mediaBucket().openUploadStreamWithId(id, filename, { metadata: { contentType } });
  upload.end(bytes);
  await once(upload, 'finish');
  return id;
}

/**
 * Stores bytes as a Media document: the pool hashes them, reads dimensions, compresses large
 * images and makes a thumbnail (all off the event loop); bytes and thumbnail go to GridFS.
 * The buffer is handed to the pool (transferred): do not use it afterwards.
 */
export async function storeBuffer(
  pool: MediaPool,
  bytes: Buffer,
  mimeType: string,
  meta: UploadMeta,
): Promise<MediaDoc> {
  const kind = meta.kind ?? kindOf(mimeType);
  const out = await pool.process({ bytes, mimeType, kind }).catch((err: unknown) => {
    if (err instanceof MediaPoolBusyError) throw new AppError(503, 'media_pool_busy', 'The server is busy with other files, try again shortly');
    throw err;
  });
  const fileName = meta.fileName ?? null;
  const written: Types.ObjectId[] = [];
  try {
    const gridFsId = await writeBlob(out.bytes, fileName ?? 'media', out.mimeType);
    written.push(gridFsId);
    const thumbnailGridFsId = out.thumbnail ? await writeBlob(out.thumbnail, 'thumbnail.jpg', 'image/jpeg') : null;
    if (thumbnailGridFsId) written.push(thumbnailGridFsId);
    const doc = await Media.create({
      sessionId: meta.sessionId,
      chatId: meta.chatId ?? null,
      kind,
      mimeType: out.mimeType,
      size: out.size,
      sha256: out.sha256,
      width: out.width,
      height: out.height,
      fileName,
      gridFsId,
      thumbnailGridFsId,
      direction: 'out',
      uploadedBy: meta.userId && Types.ObjectId.isValid(meta.userId) ? new Types.ObjectId(meta.userId) : null,
    });
    return doc.toObject();
  } catch (err) {
    // No orphan bytes in GridFS when the metadata could not be written.
    await Promise.all(written.map((id) => deleteMedia(id).catch(() => false)));
    throw err;
  }
}

/**
 * Stores a stream (e.g. media fetched by URL) within the same limits as uploads: 415 for a
 * type off the allow-list, 413 past `maxBytes` (reading stops there).
 */
export async function storeStream(
  stream: AsyncIterable<Uint8Array>,
  mimeType: string,
  meta: UploadMeta,
  deps: { pool: MediaPool; limits: UploadLimits },
): Promise<MediaDoc> {
  if (!isAllowedType(mimeType, deps.limits.allowedTypes)) throw mediaTypeNotAllowed(mimeType);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > deps.limits.maxBytes) throw mediaTooLarge(deps.limits.maxBytes);
    chunks.push(chunk);
  }
  return storeBuffer(deps.pool, Buffer.concat(chunks), mimeType, meta);
}

/** Maps multer's errors to coded HTTP errors. */
function uploadError(err: unknown, limits: UploadLimits): AppError {
  const e = err as { code?: string; name?: string; message?: string };
  if (e instanceof AppError) return e;
  if (e.code === 'LIMIT_FILE_SIZE') return mediaTooLarge(limits.maxBytes);
  if (e.name === 'MulterError') return new AppError(400, 'invalid_upload', e.message ?? 'Invalid multipart upload');
  return new AppError(400, 'invalid_upload', 'The multipart body could not be read');
}

/** One file read from a multipart body (kept in memory until stored). */
export interface ReadFile {
  buffer: Buffer;
  mimetype: string;
  originalname: string;
}

/**
 * Reads one multipart file (field `file`) from the request within the limits (413
 * `media_too_large`, 415 `media_type_not_allowed`, 400 `file_required`) without storing it,
 * so callers can authorise on the form's text fields first (left on `ctx.request.body`).
 */
export async function readUpload(ctx: Context, limits: UploadLimits): Promise<ReadFile> {
  if (!ctx.is('multipart/form-data')) throw new AppError(415, 'multipart_required', 'Send the file as multipart/form-data');
  const upload = multer({
    // (defParamCharset is a multer 2 option its typings do not list yet.)
    storage: multer.memoryStorage(),
    // File names are UTF-8 in every browser; busboy's default (latin1) garbles accents.
    defParamCharset: 'utf8',
    limits: { fileSize: limits.maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024 },
    fileFilter: (_req, file, cb) => {
      if (isAllowedType(file.mimetype, limits.allowedTypes)) cb(null, true);
      else cb(mediaTypeNotAllowed(file.mimetype) as unknown as null, false);
    },
  } as multer.Options);
  try {
    await upload.single('file')(ctx as never, async () => {});
  } catch (err) {
    throw uploadError(err, limits);
  }
  const file = (ctx as Context & { file?: ReadFile }).file;
  if (!file) throw new AppError(400, 'file_required', 'Attach the file in the multipart field "file"');
  return file;
}

/** Reads one multipart file (see readUpload) and stores it with `storeBuffer`. */
export async function storeUpload(
  ctx: Context,
  meta: UploadMeta,
  deps: { pool: MediaPool; limits: UploadLimits },
): Promise<MediaDoc> {
  const file = await readUpload(ctx, deps.limits);
  return storeBuffer(deps.pool, file.buffer, file.mimetype, { ...meta, fileName: meta.fileName ?? file.originalname });
}

/** Deletes a Media document and its bytes (file and thumbnail) from GridFS. */
export async function discardMedia(doc: Pick<MediaDoc, '_id' | 'gridFsId' | 'thumbnailGridFsId'>): Promise<void> {
  await Media.deleteOne({ _id: doc._id });
  await deleteMedia(doc.gridFsId);
  if (doc.thumbnailGridFsId) await deleteMedia(doc.thumbnailGridFsId);
}
