/**
 * Benchmark (not a test): does media work block the event loop that serves HTTP and sockets?
 * Measures the latency of a cheap REST call (GET /ping on a Koa server in this process) while
 * idle, then while the media pool compresses 50 large images (and hashes them), then while it
 * transcodes 4 videos with ffmpeg, and prints p50/p99/max of each plus the pool's throughput.
 *
 *   pnpm tsx tests/bench/media-pool.ts [--images 50] [--videos 4] [--threads N]
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import Koa from 'koa';
import sharp from 'sharp';
import { bundledFfmpeg, createMediaPool, type MediaPool } from '../../gateway/src/media-pool/index.ts';

const { values } = parseArgs({ options: { images: { type: 'string', default: '50' }, videos: { type: 'string', default: '4' }, threads: { type: 'string' } } });
const IMAGES = Number(values.images);
const VIDEOS = Number(values.videos);

/** A photo-like 2400×1800 PNG (~10 MB): gradient plus grain. */
async function bigImage(): Promise<Buffer> {
  const width = 2400;
  const height = 1800;
  const raw = Buffer.alloc(width * height * 3);
  let x = 1;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = Math.floor((((i / 3) % width) * 200) / width) + ((x >>> 16) & 31);
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Sequential GET /ping until `until()` is true (at least `min` requests); latencies in ms. */
async function pingLoop(url: string, min: number, until: () => boolean): Promise<number[]> {
  const out: number[] = [];
  while (out.length < min || !until()) {
    const t = performance.now();
    const res = await fetch(`${url}/ping`);
    await res.arrayBuffer();
    out.push(performance.now() - t);
    if (out.length > 1_000_000) break;
  }
  return out.sort((a, b) => a - b);
}

const fmt = (xs: number[]): string =>
  `n=${xs.length} p50=${percentile(xs, 50).toFixed(2)}ms p99=${percentile(xs, 99).toFixed(2)}ms max=${(xs.at(-1) ?? 0).toFixed(2)}ms`;

/** Pings while the pool transcodes VIDEOS copies of a lossless 1080p, 10 s test clip (~6 MB). */
async function videoPhase(pool: MediaPool, url: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-video-'));
  try {
    const clip = join(dir, 'clip.mp4');
    const source = ['-f', 'lavfi', '-i', 'testsrc=size=1920x1080:rate=30', '-f', 'lavfi', '-i', 'sine', '-t', '10'];
    await promisify(execFile)(bundledFfmpeg()!, ['-nostdin', '-loglevel', 'error', ...source, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '0', '-c:a', 'aac', clip]);
    const size = (await stat(clip)).size;
    let done = 0;
    const t0 = performance.now();
    const work = Promise.all(
      Array.from({ length: VIDEOS }, async () => {
        const r = await pool.processVideo({ open: () => createReadStream(clip), size, kind: 'video' });
        done += 1;
        await r.dispose();
        return r.output?.size ?? size;
      }),
    );
    const busy = await pingLoop(url, 200, () => done === VIDEOS);
    const sizes = await work;
    const seconds = (performance.now() - t0) / 1000;
    console.log(`while transcoding: ${fmt(busy)}`);
    console.log(`pool: ${VIDEOS} videos in ${seconds.toFixed(1)} s (${(seconds / VIDEOS).toFixed(1)} s/video), ${(size / 1e6).toFixed(1)} MB → ${((sizes[0] ?? 0) / 1e6).toFixed(2)} MB each`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const app = new Koa();
  app.use(async (ctx) => {
    if (ctx.path === '/ping') ctx.body = { ok: true, at: Date.now() };
  });
  const server = createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pool = createMediaPool({ compressAboveBytes: 1024 * 1024, ...(values.threads ? { maxThreads: Number(values.threads) } : {}) });

  process.stdout.write('preparing the image… ');
  const image = await bigImage();
  process.stdout.write(`${(image.length / 1e6).toFixed(1)} MB PNG\n`);
  await pool.process({ bytes: Buffer.from(image), mimeType: 'image/png', kind: 'image' }); // warm the workers

  // Copies made up front: copying inputs on the main thread is the caller's cost, not the pool's.
  const inputs = Array.from({ length: IMAGES }, () => Buffer.from(image));
  await pingLoop(url, 300, () => true); // warm up the HTTP path (JIT, keep-alive sockets)
  const idle = await pingLoop(url, 2000, () => true);
  console.log(`idle:            ${fmt(idle)}`);

  let done = 0;
  const t0 = performance.now();
  const work = Promise.all(
    inputs.map((bytes) =>
      pool.process({ bytes, mimeType: 'image/png', kind: 'image' }).then((r) => {
        done += 1;
        return r.size;
      }),
    ),
  );
  const busy = await pingLoop(url, 200, () => done === IMAGES);
  const sizes = await work;
  const seconds = (performance.now() - t0) / 1000;
  console.log(`while compressing: ${fmt(busy)}`);
  console.log(
    `pool: ${IMAGES} images in ${seconds.toFixed(1)} s (${(IMAGES / seconds).toFixed(2)} img/s), ` +
      `${(image.length / 1e6).toFixed(1)} MB → ${((sizes[0] ?? 0) / 1e6).toFixed(2)} MB each`,
  );
  if (VIDEOS > 0) await videoPhase(pool, url);
  await pool.close();
  server.close();
}

await main();
