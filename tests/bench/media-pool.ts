/**
 * Benchmark (not a test): does media work block the event loop that serves HTTP and sockets?
 * Measures the latency of a cheap REST call (GET /ping on a Koa server in this process) while
 * idle, then while the media pool compresses 50 large images (and hashes them), and prints
 * p50/p99/max of both plus the pool's throughput.
 *
 *   pnpm tsx tests/bench/media-pool.ts [--images 50] [--threads N]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Koa from 'koa';
import sharp from 'sharp';
import { createMediaPool } from '../../gateway/src/media-pool/index.ts';

const { values } = parseArgs({ options: { images: { type: 'string', default: '50' }, threads: { type: 'string' } } });
const IMAGES = Number(values.images);

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
  await pool.close();
  server.close();
}

await main();
