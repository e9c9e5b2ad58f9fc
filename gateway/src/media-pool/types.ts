import type { MessageKind } from '@switchboard/shared';

/** One file for the pool to process. */
export interface MediaTaskInput {
  bytes: Buffer | Uint8Array;
  mimeType: string;
  kind: MessageKind;
}

/** What the pool returns: the bytes to store (maybe recompressed) and their metadata. */
export interface ProcessedMedia {
  bytes: Buffer;
  mimeType: string;
  size: number;
  /** Hex SHA-256 of `bytes`. */
  sha256: string;
  width: number | null;
  height: number | null;
  /** True when the image was re-encoded because it was larger than the threshold. */
  compressed: boolean;
  originalSize: number;
  originalSha256: string;
  /** JPEG preview of images, null for other kinds. */
  thumbnail: Buffer | null;
}

/** Settings of the media pool. */
export interface MediaPoolOptions {
  /** Images larger than this are re-encoded (MEDIA_COMPRESS_ABOVE_BYTES). */
  compressAboveBytes: number;
  /** Longest side of a compressed image, px (default 2560). */
  maxSide?: number;
  /** JPEG quality of compressed images (default 80). */
  quality?: number;
  /** Longest side of thumbnails, px; 0 disables them (default 320). */
  thumbnailSide?: number;
  /** Worker threads (default: cores − 1, at least 1). */
  maxThreads?: number;
  /** Tasks waiting beyond this are rejected with `media_pool_busy` (default 256). */
  maxQueue?: number;
}
