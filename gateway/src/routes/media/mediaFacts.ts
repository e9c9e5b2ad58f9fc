/**
 * What the media pool adds to a stored upload: dimensions, a smaller re-encode that replaces
 * the original in GridFS, a thumbnail (images) or poster (videos), a duration (videos).
 * From: mediaStore.ts#storeStream (the upload, already in GridFS) → here → media-pool → back to
 * storeStream, which writes the Media document.
 */
import { createReadStream } from 'node:fs';
import type { MessageKind } from '@switchboard/shared';
import { deleteMedia, openMediaStream, type StoredBlob } from '@switchboard/shared/node';
import type { Types } from 'mongoose';
import { AppError } from '../../errors.ts';
import { MediaPoolBusyError, type MediaPool } from '../../media-pool/index.ts';
import { writeBlob } from './blobs.ts';

/** What processing a stored file decided: the blob to keep, its facts and a preview. */
export interface MediaFacts {
  blob: StoredBlob;
  mimeType: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  thumbnailGridFsId: Types.ObjectId | null;
}

/** The stored file being processed. */
interface Stored {
  blob: StoredBlob;
  mimeType: string;
  kind: MessageKind;
  fileName: string;
}

/** Rethrows a full pool as 503 `media_pool_busy`. */
function poolBusy(err: unknown): never {
  if (err instanceof MediaPoolBusyError) throw new AppError(503, 'media_pool_busy', 'The server is busy with other files, try again shortly');
  throw err;
}

/** Stores the re-encoded copy and deletes the original; `written` tracks ids for clean-up on failure. */
async function replace(stored: StoredBlob, copy: Parameters<typeof writeBlob>[0], fileName: string, mimeType: string, written: Types.ObjectId[]): Promise<StoredBlob> {
  const blob = await writeBlob(copy, fileName, mimeType);
  written.push(blob.id);
  await deleteMedia(stored.id);
  written.splice(written.indexOf(stored.id), 1);
  return blob;
}

/** Stores a JPEG preview as its own GridFS file. */
async function storeThumbnail(jpeg: Buffer | null, written: Types.ObjectId[]): Promise<Types.ObjectId | null> {
  if (!jpeg) return null;
  const { id } = await writeBlob(jpeg, 'thumbnail.jpg', 'image/jpeg');
  written.push(id);
  return id;
}

/**
 * Runs a stored image through the pool (off the event loop): dimensions, a recompressed copy
 * when it is large (which replaces the original in GridFS) and a thumbnail. Ids written are
 * pushed to `written`, so the caller can remove them if a later step fails.
 */
export async function processImage(pool: MediaPool, bytes: Buffer, s: Stored, written: Types.ObjectId[]): Promise<MediaFacts> {
  const out = await pool.process({ bytes, mimeType: s.mimeType, kind: s.kind }).catch(poolBusy);
  const blob = out.compressed ? await replace(s.blob, out.bytes, s.fileName, out.mimeType, written) : s.blob;
  const thumbnailGridFsId = await storeThumbnail(out.thumbnail, written);
  return { blob, mimeType: out.mimeType, width: out.width, height: out.height, durationMs: null, thumbnailGridFsId };
}

/**
 * Runs a stored video through the pool's ffmpeg, streamed from GridFS to a temporary file:
 * above MEDIA_COMPRESS_ABOVE_BYTES an H.264/AAC MP4 replaces the original when it is smaller,
 * and every readable video gets a JPEG poster as its thumbnail. ffmpeg failing or timing out
 * keeps the original as sent (the pool logs why).
 */
export async function processVideo(pool: MediaPool, s: Stored, written: Types.ObjectId[]): Promise<MediaFacts> {
  const out = await pool.processVideo({ open: () => openMediaStream(s.blob.id), size: s.blob.size, kind: s.kind }).catch(poolBusy);
  try {
    const blob = out.output ? await replace(s.blob, createReadStream(out.output.path), s.fileName, out.output.mimeType, written) : s.blob;
    const thumbnailGridFsId = await storeThumbnail(out.poster, written);
    const mimeType = out.output?.mimeType ?? s.mimeType;
    return { blob, mimeType, width: out.width, height: out.height, durationMs: out.durationMs, thumbnailGridFsId };
  } finally {
    await out.dispose();
  }
}
