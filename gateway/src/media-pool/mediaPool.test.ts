import { createHash } from 'node:crypto';
import { isMainThread } from 'node:worker_threads';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createMediaPool, MediaPoolBusyError } from './mediaPool.ts';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const pool = createMediaPool({ compressAboveBytes: 200_000, maxThreads: 2, thumbnailSide: 64 });

/** A photo-like PNG: a gradient with grain (large as PNG, much smaller as JPEG). */
async function noisyPng(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let x = 12345;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = Math.floor((((i / 3) % width) * 200) / width) + ((x >>> 16) & 31);
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

afterAll(() => pool.close());

describe('media pool (piscina worker threads)', () => {
  it('compresses an image above the threshold, with dimensions, hashes and a thumbnail', async () => {
    const png = await noisyPng(3000, 1000);
    const originalSha = sha(png);
    const out = await pool.process({ bytes: png, mimeType: 'image/png', kind: 'image' });
    expect(isMainThread).toBe(true);
    expect(out.compressed).toBe(true);
    expect(out.mimeType).toBe('image/jpeg');
    expect(out.originalSha256).toBe(originalSha);
    expect(out.originalSize).toBeGreaterThan(200_000);
    expect(out.size).toBe(out.bytes.length);
    expect(out.size).toBeLessThan(out.originalSize);
    expect(out.sha256).toBe(sha(out.bytes));
    expect([out.width, out.height]).toEqual([2560, 853]);
    const meta = await sharp(out.bytes).metadata();
    expect([meta.format, meta.width]).toEqual(['jpeg', 2560]);
    const thumb = await sharp(out.thumbnail!).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(64);
  });

  it('keeps small images and every document byte-identical', async () => {
    const small = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#f00' } }).png().toBuffer();
    const copy = Buffer.from(small);
    const img = await pool.process({ bytes: small, mimeType: 'image/png', kind: 'image' });
    expect([img.compressed, img.sha256, img.width, img.height]).toEqual([false, sha(copy), 40, 30]);
    expect(img.bytes.equals(copy)).toBe(true);

    const doc = Buffer.alloc(5 * 1024 * 1024, 7);
    const docSha = sha(doc);
    const out = await pool.process({ bytes: doc, mimeType: 'application/pdf', kind: 'document' });
    expect([out.compressed, out.sha256, out.size, out.width, out.thumbnail]).toEqual([false, docSha, 5 * 1024 * 1024, null, null]);
    expect(sha(out.bytes)).toBe(docSha);
  });

  it('transfers the caller\'s own buffer instead of copying it, but never detaches a pooled one', async () => {
    const own = Buffer.alloc(10_000, 3);
    await pool.process({ bytes: own, mimeType: 'application/octet-stream', kind: 'document' });
    expect(own.length).toBe(0);

    const pooled = Buffer.from('hello world');
    const out = await pool.process({ bytes: pooled, mimeType: 'text/plain', kind: 'document' });
    expect(pooled.toString()).toBe('hello world');
    expect(out.sha256).toBe(sha(Buffer.from('hello world')));
  });

  it('survives bytes that claim to be an image but are not', async () => {
    const junk = Buffer.alloc(300_000, 1);
    const junkSha = sha(junk);
    const out = await pool.process({ bytes: junk, mimeType: 'image/jpeg', kind: 'image' });
    expect([out.compressed, out.width, out.sha256]).toEqual([false, null, junkSha]);
  });

  it('refuses work with a coded error when its queue is full', async () => {
    const full = createMediaPool({ compressAboveBytes: 1, maxThreads: 1, maxQueue: 0 });
    try {
      await expect(full.process({ bytes: Buffer.alloc(10), mimeType: 'text/plain', kind: 'document' })).rejects.toBeInstanceOf(MediaPoolBusyError);
    } finally {
      await full.close();
    }
  });

  it('runs many tasks in parallel and answers each', async () => {
    const inputs = Array.from({ length: 8 }, (_, i) => Buffer.alloc(1000 + i, i));
    const outs = await Promise.all(inputs.map((b) => pool.process({ bytes: Buffer.from(b), mimeType: 'application/octet-stream', kind: 'document' })));
    expect(outs.map((o) => o.sha256)).toEqual(inputs.map(sha));
    expect(pool.pending()).toBe(0);
  });
});
