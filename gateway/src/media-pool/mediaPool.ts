import { availableParallelism } from 'node:os';
import { silentLogger } from '@switchboard/shared/node';
import { Piscina } from 'piscina';
import type { MediaPoolOptions, MediaTaskInput, ProcessedMedia, ProcessedVideo, VideoTaskInput } from './types.ts';
import { bundledFfmpeg, runVideoTask } from './videoTask.ts';

/** The worker entry; plain .mjs so it loads in worker threads without tsx. */
const WORKER_URL = new URL('./worker.mjs', import.meta.url).href;

/** Raised when the pool's queue is full; routes answer 503 `media_pool_busy`. */
export class MediaPoolBusyError extends Error {
  override name = 'MediaPoolBusyError';
  readonly code = 'media_pool_busy';
}

/** CPU work on media (sha256, dimensions, compression, thumbnails, video transcodes) off the event loop. */
export interface MediaPool {
  /** Processes one file in a worker thread. The input buffer is transferred, not copied. */
  process(input: MediaTaskInput): Promise<ProcessedMedia>;
  /**
   * Transcodes a video above the threshold (when that makes it smaller) and takes a poster, with
   * ffmpeg run from a worker thread on a temporary file. Never throws for a bad video (the
   * result is then empty and the failure logged); throws MediaPoolBusyError when the queue is full.
   */
  processVideo(input: VideoTaskInput): Promise<ProcessedVideo>;
  /** Tasks queued or running. */
  pending(): number;
  /** Stops the workers (waits for running tasks). */
  close(): Promise<void>;
}

/** An ArrayBuffer holding exactly these bytes, safe to transfer (pooled buffers are copied). */
function ownBuffer(bytes: Buffer | Uint8Array): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return new Uint8Array(bytes.buffer, 0, bytes.byteLength);
  }
  return new Uint8Array(bytes);
}

const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** Starts a piscina pool running worker.mjs. */
export function createMediaPool(opts: MediaPoolOptions): MediaPool {
  const maxThreads = opts.maxThreads ?? Math.max(1, availableParallelism() - 1);
  const maxQueue = opts.maxQueue ?? 256;
  const pool = new Piscina({ filename: WORKER_URL, minThreads: 1, maxThreads, maxQueue, idleTimeout: 60_000 });
  const settings = {
    compressAboveBytes: opts.compressAboveBytes,
    maxSide: opts.maxSide ?? 2560,
    quality: opts.quality ?? 80,
    thumbnailSide: opts.thumbnailSide ?? 320,
  };
  const logger = (opts.logger ?? silentLogger()).child({ module: 'media-pool' });
  const ffmpegPath = opts.ffmpegPath === undefined ? bundledFfmpeg() : opts.ffmpegPath;
  if (!ffmpegPath) logger.warn('no ffmpeg binary: videos are stored as sent, without posters');
  const video = ffmpegPath ? { ...settings, ffmpegPath, timeoutMs: opts.videoTimeoutMs ?? 5 * 60_000 } : null;
  let inFlight = 0;
  /** Counts a task from the moment it is accepted (queue checked) until it is answered. */
  async function accepted<T>(work: () => Promise<T>): Promise<T> {
    if (pool.queueSize >= maxQueue) throw new MediaPoolBusyError('The media pool is busy, try again later');
    inFlight += 1;
    try {
      return await work();
    } finally {
      inFlight -= 1;
    }
  }
  return {
    process: (input) =>
      accepted(async () => {
        const bytes = ownBuffer(input.bytes);
        const task = { ...settings, bytes, mimeType: input.mimeType, kind: input.kind };
        const out = await pool.run(task, { transferList: [bytes.buffer as ArrayBuffer] });
        const r = out as Omit<ProcessedMedia, 'bytes' | 'thumbnail'> & { bytes: Uint8Array; thumbnail: Uint8Array | null };
        return { ...r, bytes: asBuffer(r.bytes), thumbnail: r.thumbnail ? asBuffer(r.thumbnail) : null };
      }),
    processVideo: (input) =>
      video
        ? accepted(() => runVideoTask(input, { run: (task) => pool.run(task, { name: 'processVideo' }), settings: video, logger }))
        : Promise.resolve({ output: null, poster: null, width: null, height: null, durationMs: null, dispose: async () => undefined }),
    pending: () => inFlight,
    close: () => pool.close(),
  };
}
