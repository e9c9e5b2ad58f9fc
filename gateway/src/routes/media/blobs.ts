import type { Readable } from 'node:stream';
import { MediaTooLargeError, putMedia, type StoredBlob } from '@switchboard/shared/node';
import { AppError } from '../../errors.ts';

/** 413 with a stable code. */
export const mediaTooLarge = (maxBytes: number): AppError =>
  new AppError(413, 'media_too_large', `The file is larger than ${maxBytes} bytes`, { maxBytes });

/** Writes bytes or a stream to GridFS; a stream over `maxBytes` is aborted (no partial file) with 413. */
export async function writeBlob(input: Buffer | Readable, filename: string, contentType: string, maxBytes?: number): Promise<StoredBlob> {
  try {
    return await putMedia(input, { filename, contentType, ...(maxBytes !== undefined ? { maxBytes } : {}) });
  } catch (err) {
    if (err instanceof MediaTooLargeError) throw mediaTooLarge(err.maxBytes);
    throw err;
  }
}
