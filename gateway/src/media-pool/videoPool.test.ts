import { execFile } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledFfmpeg, createMediaPool, type ProcessedVideo } from './index.ts';

const run = promisify(execFile);
const ffmpeg = bundledFfmpeg()!;
const THRESHOLD = 200_000;
const logged: Array<{ msg: string; step?: string; timedOut?: boolean }> = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
const pool = createMediaPool({ compressAboveBytes: THRESHOLD, maxThreads: 1, logger });
let dir: string;
/** Lossless 1600×900 test pattern with a tone, 2 s: well above the threshold, compresses well. */
let large: string;
/** 160×120, 1 s, already H.264: below the threshold. */
let small: string;

/** Makes a test video with the same ffmpeg the pool runs. */
async function makeVideo(name: string, args: string[]): Promise<string> {
  const path = join(dir, name);
  await run(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args, '-threads', '1', path]);
  return path;
}

/** What ffmpeg reads from a file: whether it decodes without errors, its duration and frame size. */
async function inspect(path: string): Promise<{ decodes: boolean; durationMs: number; size: string }> {
  const decode = await run(ffmpeg, ['-hide_banner', '-nostdin', '-v', 'error', '-i', path, '-f', 'null', '-']).then((r) => r.stderr === '', () => false);
  const info: string = await run(ffmpeg, ['-hide_banner', '-nostdin', '-i', path]).then((r) => r.stderr, (e: { stderr: string }) => e.stderr);
  const [, h, m, s] = /Duration: (\d+):(\d+):([\d.]+)/.exec(info)!;
  return { decodes: decode, durationMs: (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000, size: /Video: .*?, (\d+x\d+)/.exec(info)![1]! };
}

const videoOf = (path: string, size: number) => ({ open: () => createReadStream(path), size, kind: 'video' as const });

async function processFile(path: string, p = pool): Promise<ProcessedVideo> {
  return p.processVideo(videoOf(path, (await stat(path)).size));
}

/** Asserts a JPEG poster and returns its dimensions. */
async function posterSize(jpeg: Buffer | null): Promise<[number, number]> {
  expect([...jpeg!.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  const meta = await sharp(jpeg!).metadata();
  expect(meta.format).toBe('jpeg');
  return [meta.width!, meta.height!];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'video-pool-test-'));
  large = await makeVideo('large.mp4', ['-f', 'lavfi', '-i', 'testsrc=size=1600x900:rate=10', '-f', 'lavfi', '-i', 'sine', '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '0', '-c:a', 'aac']);
  small = await makeVideo('small.mp4', ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '1', '-c:v', 'libx264', '-crf', '28', '-pix_fmt', 'yuv420p']);
});
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

describe('video in the media pool (ffmpeg from @ffmpeg-installer)', () => {
  it('runs the binary that pnpm installed from the lockfile, which can encode H.264 and AAC', async () => {
    expect(ffmpeg).toMatch(/node_modules.*@ffmpeg-installer/);
    const { stdout } = await run(ffmpeg, ['-hide_banner', '-encoders']);
    expect(stdout).toMatch(/ libx264 /);
    expect(stdout).toMatch(/ aac /);
  });

  it('transcodes a video above the threshold to a smaller MP4 of the same length within 1280 px, with a poster', async () => {
    const before = await inspect(large);
    const originalSize = (await stat(large)).size;
    expect(originalSize).toBeGreaterThan(THRESHOLD);
    const out = await processFile(large);
    try {
      expect(out.output).toMatchObject({ mimeType: 'video/mp4' });
      const path = out.output!.path;
      expect(out.output!.size).toBe((await stat(path)).size);
      expect(out.output!.size).toBeLessThan(originalSize);
      expect((await readFile(path)).subarray(4, 8).toString()).toBe('ftyp');
      const after = await inspect(path);
      expect([after.decodes, after.size]).toEqual([true, '1280x720']);
      expect(Math.abs(after.durationMs - before.durationMs)).toBeLessThan(300);
      expect([out.width, out.height]).toEqual([1280, 720]);
      expect(Math.abs(out.durationMs! - before.durationMs)).toBeLessThan(300);
      expect(await posterSize(out.poster)).toEqual([320, 180]);
    } finally {
      await out.dispose();
    }
    expect(existsSync(dirname(out.output!.path))).toBe(false);
  });

  it('leaves a video under the threshold alone but still makes a poster, never enlarged', async () => {
    const out = await processFile(small);
    expect([out.output, out.width, out.height]).toEqual([null, 160, 120]);
    expect(out.durationMs).toBeGreaterThan(900);
    expect(await posterSize(out.poster)).toEqual([160, 120]);
    await out.dispose();
  });

  it('keeps a corrupt video as it is, without a poster, and logs why', async () => {
    const junk = join(dir, 'junk.mp4');
    const head = (await readFile(small)).subarray(0, 64);
    await writeFile(junk, Buffer.concat([head, Buffer.alloc(THRESHOLD * 2, 0x5a)]));
    logged.length = 0;
    const out = await processFile(junk);
    expect([out.output, out.poster, out.width]).toEqual([null, null, null]);
    expect(logged).toContainEqual(expect.objectContaining({ step: 'probe', msg: 'video step failed, original kept for it' }));
    await out.dispose();
  });

  it('kills a transcode that outlives its timeout and keeps the original', async () => {
    const hasty = createMediaPool({ compressAboveBytes: THRESHOLD, maxThreads: 1, videoTimeoutMs: 1, logger });
    try {
      logged.length = 0;
      const out = await processFile(large, hasty);
      expect(out.output).toBeNull();
      expect([out.width, out.height]).toEqual([1600, 900]);
      expect(await posterSize(out.poster)).toEqual([320, 180]);
      expect(logged).toContainEqual(expect.objectContaining({ step: 'transcode', timedOut: true }));
      await out.dispose();
    } finally {
      await hasty.close();
    }
  });

  it('turns a voice note recorded as WebM (a browser) into Opus in Ogg of the same length; one in Ogg already is kept', async () => {
    const webm = await makeVideo('note.webm', ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=3', '-c:a', 'libopus', '-f', 'webm']);
    const voice = (path: string, size: number) => pool.processVideo({ open: () => createReadStream(path), size, kind: 'voice' });
    const out = await voice(webm, (await stat(webm)).size);
    expect(out.output).toMatchObject({ mimeType: 'audio/ogg; codecs=opus' });
    expect([out.poster, out.width, out.height]).toEqual([null, null, null]);
    expect(out.durationMs).toBeGreaterThanOrEqual(2900);
    expect(out.durationMs).toBeLessThanOrEqual(3100);
    const info: string = await run(ffmpeg, ['-hide_banner', '-nostdin', '-i', out.output!.path]).then((r) => r.stderr, (e: { stderr: string }) => e.stderr);
    expect(info).toMatch(/Input #0, ogg/);
    expect(info).toMatch(/Audio: opus, 48000 Hz, mono/);
    const ogg = join(dir, 'note.ogg');
    await writeFile(ogg, await readFile(out.output!.path));
    await out.dispose();
    const again = await voice(ogg, (await stat(ogg)).size);
    expect(again.output).toBeNull();
    expect(again.durationMs).toBeGreaterThanOrEqual(2900);
    await again.dispose();
  });

  it('stores videos as sent, without opening them, when there is no ffmpeg', async () => {
    const none = createMediaPool({ compressAboveBytes: THRESHOLD, maxThreads: 1, ffmpegPath: null });
    try {
      let opened = false;
      const out = await none.processVideo({ open: () => ((opened = true), createReadStream(large)), size: 1e6, kind: 'video' });
      expect([out.output, out.poster, opened]).toEqual([null, null, false]);
    } finally {
      await none.close();
    }
  });
});
