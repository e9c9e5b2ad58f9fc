/** Media worker pool (piscina): sha256, dimensions, compression, thumbnails and video transcodes (ffmpeg) off the event loop. */
export { createMediaPool, MediaPoolBusyError, type MediaPool } from './mediaPool.ts';
export type { MediaPoolOptions, MediaTaskInput, ProcessedMedia, ProcessedVideo, TranscodedVideo, VideoTaskInput } from './types.ts';
export { bundledFfmpeg } from './videoTask.ts';
