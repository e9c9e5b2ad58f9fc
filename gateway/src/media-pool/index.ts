/** Media worker pool (piscina): sha256, dimensions, compression and thumbnails off the event loop. */
export { createMediaPool, MediaPoolBusyError, type MediaPool } from './mediaPool.ts';
export type { MediaPoolOptions, MediaTaskInput, ProcessedMedia } from './types.ts';
