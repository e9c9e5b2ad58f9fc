import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import mongoose, { Types } from 'mongoose';

/** Name of the GridFS bucket holding media bytes (collections media.files and media.chunks). */
export const MEDIA_BUCKET = 'media';

/** Raised when an upload exceeds `maxBytes`; the partial file is removed. */
export class MediaTooLargeError extends Error {
  override name = 'MediaTooLargeError';
  readonly code = 'MEDIA_TOO_LARGE';
  constructor(readonly maxBytes: number) {
    super(`Media exceeds the limit of ${maxBytes} bytes`);
  }
}

/** What putMedia stored. */
export interface StoredBlob {
  id: Types.ObjectId;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
}

/** Options of putMedia. */
export interface PutMediaOptions {
  filename?: string;
  contentType?: string;
  metadata?: Record<string, unknown>;
  /** Reject (and delete the partial file) past this many bytes. */
  maxBytes?: number;
  /** Database to use; the default mongoose connection's when omitted. */
  db?: mongoose.mongo.Db;
}

/** Opens the media GridFS bucket on `db` (default: the default mongoose connection). */
export function mediaBucket(db?: mongoose.mongo.Db): mongoose.mongo.GridFSBucket {
  const target = db ?? mongoose.connection.db;
  if (!target) throw new Error('mediaBucket: the database is not connected');
  return new mongoose.mongo.GridFSBucket(target, { bucketName: MEDIA_BUCKET });
}

function writeChunk(upload: mongoose.mongo.GridFSBucketWriteStream, chunk: Buffer): Promise<void> {
  return new Promise((res, rej) => upload.write(chunk, (err) => (err ? rej(err) : res())));
}

function finish(upload: mongoose.mongo.GridFSBucketWriteStream): Promise<void> {
  return new Promise((res, rej) => {
    upload.once('error', rej);
    upload.end(() => res());
  });
}

/**
 * Stores a buffer or stream in GridFS, hashing it on the way; returns its id, size and sha256.
 * Chunks are written one at a time, so on failure (including MediaTooLargeError) no insert is
 * in flight and the partial file is removed completely.
 */
export async function putMedia(input: Buffer | Readable, opts: PutMediaOptions = {}): Promise<StoredBlob> {
  const bucket = mediaBucket(opts.db);
  const id = new Types.ObjectId();
  const maxBytes = opts.maxBytes ?? Number.POSITIVE_INFINITY;
  const upload = bucket.openUploadStreamWithId(id, opts.filename ?? id.toHexString(), {
    metadata: { ...opts.metadata, ...(opts.contentType ? { contentType: opts.contentType } : {}) },
  });
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const piece of Buffer.isBuffer(input) ? [input] : input) {
      const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as Uint8Array);
      size += chunk.length;
      if (size > maxBytes) throw new MediaTooLargeError(maxBytes);
      hash.update(chunk);
      await writeChunk(upload, chunk);
    }
    await finish(upload);
  } catch (err) {
    if (!Buffer.isBuffer(input)) input.destroy();
    await upload.abort().catch(() => undefined);
    throw err;
  }
  return { id, size, sha256: hash.digest('hex') };
}

/** Byte range of a download: `start` inclusive, `end` exclusive (GridFS convention). */
export interface ByteRange {
  start?: number;
  end?: number;
}

/** Opens a download stream of a stored file, optionally limited to a byte range. */
export function openMediaStream(
  id: Types.ObjectId | string,
  range: ByteRange = {},
  db?: mongoose.mongo.Db,
): mongoose.mongo.GridFSBucketReadStream {
  const opts: { start?: number; end?: number } = {};
  if (range.start !== undefined) opts.start = range.start;
  if (range.end !== undefined) opts.end = range.end;
  return mediaBucket(db).openDownloadStream(new Types.ObjectId(id), opts);
}

/** Reads a whole stored file (or a range of it) into memory; for small files and tests. */
export async function readMedia(id: Types.ObjectId | string, range: ByteRange = {}, db?: mongoose.mongo.Db): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of openMediaStream(id, range, db)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Deletes a stored file; returns false when it did not exist. */
export async function deleteMedia(id: Types.ObjectId | string, db?: mongoose.mongo.Db): Promise<boolean> {
  try {
    await mediaBucket(db).delete(new Types.ObjectId(id));
    return true;
  } catch (err) {
    if ((err as Error).message.includes('File not found')) return false;
    throw err;
  }
}
