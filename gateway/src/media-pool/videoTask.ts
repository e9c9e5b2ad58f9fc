/**
 * The main-thread half of video processing: the stream goes to a temporary directory, a pool
 * worker runs ffmpeg on it (video.mjs), and what failed is logged here. A video ffmpeg cannot
 * handle throws nothing: the caller stores the original as sent.
 * From: routes/media/videoFacts.ts → here → worker.mjs#processVideo (ffmpeg child processes).
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import type { ProcessedVideo, TranscodedVideo, VideoTaskInput } from './types.ts';

/** The ffmpeg binary shipped inside @ffmpeg-installer's per-platform npm package, or null without one. */
export function bundledFfmpeg(): string | null {
  try {
    const { path } = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string };
    return existsSync(path) ? path : null;
  } catch {
    return null; // the package throws (a string) on platforms it ships no binary for
  }
}

/** Settings the worker needs besides the file. */
export interface VideoSettings {
  ffmpegPath: string;
  compressAboveBytes: number;
  thumbnailSide: number;
  timeoutMs: number;
}

/** What worker.mjs#processVideo answers (structured clone: the poster is a Uint8Array). */
interface WorkerVideo {
  output: TranscodedVideo | null;
  poster: Uint8Array | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  failures: Array<Record<string, unknown> & { step: string }>;
}

/**
 * Writes the video to a fresh temporary directory, has a worker probe, transcode (above the
 * threshold) and take a poster, and logs each failed step. The directory stays until `dispose()`.
 */
export async function runVideoTask(
  input: VideoTaskInput,
  deps: { run: (task: object) => Promise<unknown>; settings: VideoSettings; logger: Logger },
): Promise<ProcessedVideo> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-video-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const log = deps.logger.child({ kind: input.kind, size: input.size });
  try {
    const file = join(dir, 'input');
    await pipeline(Readable.from(input.open()), createWriteStream(file));
    const out = (await deps.run({ ...deps.settings, dir, input: file, size: input.size, kind: input.kind })) as WorkerVideo;
    for (const { step, ...failure } of out.failures) log.warn({ step, ...failure }, 'video step failed, original kept for it');
    const poster = out.poster ? Buffer.from(out.poster.buffer, out.poster.byteOffset, out.poster.byteLength) : null;
    return { output: out.output, poster, width: out.width, height: out.height, durationMs: out.durationMs, dispose };
  } catch (err) {
    // A full disk or a missing binary must not lose the upload: the caller keeps the original.
    log.warn({ err }, 'video processing failed, original kept');
    await dispose();
    return { output: null, poster: null, width: null, height: null, durationMs: null, dispose: async () => undefined };
  }
}
