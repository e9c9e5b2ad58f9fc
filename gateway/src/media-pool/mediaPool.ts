import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { MediaPoolOptions, MediaTaskInput, ProcessedMedia } from './types.ts';

/** The worker entry; plain .mjs so it loads in worker threads without tsx. */
const WORKER_URL = new URL('./worker.mjs', import.meta.url).href;

/** Raised when the pool's queue is full; routes answer 503 `media_pool_busy`. */
export class MediaPoolBusyError extends Error {
  override name = 'MediaPoolBusyError';
  readonly code = 'media_pool_busy';
}

/** CPU work on media (sha256, dimensions, compression, thumbnails) off the event loop. */
export interface MediaPool {
  /** Processes one file in a worker thread. The input buffer is transferred, not copied. */
  process(input: MediaTaskInput): Promise<ProcessedMedia>;
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
  let inFlight = 0;
  return {
    async process(input) {
      if (pool.queueSize >= maxQueue) throw new MediaPoolBusyError('The media pool is busy, try again later');
      const bytes = ownBuffer(input.bytes);
      const task = { ...settings, bytes, mimeType: input.mimeType, kind: input.kind };
      inFlight += 1;
      try {
        const out = await pool.run(task, { transferList: [bytes.buffer as ArrayBuffer] });
        const r = out as Omit<ProcessedMedia, 'bytes' | 'thumbnail'> & { bytes: Uint8Array; thumbnail: Uint8Array | null };
        return { ...r, bytes: asBuffer(r.bytes), thumbnail: r.thumbnail ? asBuffer(r.thumbnail) : null };
      } finally {
        inFlight -= 1;
      }
    },
    pending: () => inFlight,
    close: () => pool.close(),
  };
}
