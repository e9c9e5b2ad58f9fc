import type { MessageKind } from '@switchboard/shared';
import type { Logger } from 'pino';

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

/** One video for the pool: its bytes as a stream (written to a temporary file, never buffered). */
export interface VideoTaskInput {
  /** Opens the bytes; not called when the pool has no ffmpeg or is busy. */
  open: () => AsyncIterable<Uint8Array>;
  /** Bytes in `source` (compared with the threshold). */
  size: number;
  kind: MessageKind;
}

/** A transcoded copy of a video (or a voice note as Opus in Ogg), in a temporary file that lives until `dispose()`. */
export interface TranscodedVideo {
  path: string;
  size: number;
  mimeType: 'video/mp4' | 'audio/ogg; codecs=opus';
}

/** What the pool made of a video. Failures are logged by the pool; the original is then kept. */
export interface ProcessedVideo {
  /** Set when the video was above the threshold and the H.264 MP4 is smaller and readable. */
  output: TranscodedVideo | null;
  /** JPEG poster (≤ thumbnailSide px) of the frame at ~1 s, or null. */
  poster: Buffer | null;
  /** Displayed dimensions (rotation applied) and duration of the video kept, when ffmpeg read them. */
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** Removes the temporary files; call it once the output is stored. */
  dispose(): Promise<void>;
}

/** Settings of the media pool. */
export interface MediaPoolOptions {
  /** Images and videos larger than this are re-encoded (MEDIA_COMPRESS_ABOVE_BYTES). */
  compressAboveBytes: number;
  /** Longest side of a compressed image, px (default 2560). */
  maxSide?: number;
  /** JPEG quality of compressed images (default 80). */
  quality?: number;
  /** Longest side of thumbnails and video posters, px; 0 disables them (default 320). */
  thumbnailSide?: number;
  /** Worker threads (default: cores − 1, at least 1). */
  maxThreads?: number;
  /** Tasks waiting beyond this are rejected with `media_pool_busy` (default 256). */
  maxQueue?: number;
  /** The ffmpeg binary (default: @ffmpeg-installer/ffmpeg's); null stores videos as sent. */
  ffmpegPath?: string | null;
  /** A video transcode still running after this is killed and the original kept (default 5 min). */
  videoTimeoutMs?: number;
  /** Where video failures are logged (default: nowhere). */
  logger?: Logger;
}
