// Piscina worker of the media pool. Plain JavaScript on purpose: worker threads do not inherit
// tsx's loader, so a .mjs entry loads the same way under `pnpm start`, vitest and benchmarks.
// Every task receives the bytes by transfer (no copy) and returns them by transfer. Videos are
// the exception: they arrive as a temporary file and go to ffmpeg (`processVideo`, video.mjs).
import { createHash } from 'node:crypto';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import sharp from 'sharp';

export { processVideo } from './video.mjs';

// One libvips thread per worker: the pool size alone decides how many cores media work uses.
sharp.concurrency(1);

const COMPRESSIBLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/tiff', 'image/avif', 'image/heif']);

/** Dimensions of an image, or nulls when sharp cannot read it. */
async function dimensions(bytes) {
  try {
    const meta = await sharp(bytes, { failOn: 'none' }).metadata();
    const rotated = (meta.orientation ?? 1) >= 5;
    return { width: (rotated ? meta.height : meta.width) ?? null, height: (rotated ? meta.width : meta.height) ?? null };
  } catch {
    return { width: null, height: null };
  }
}

/** Re-encodes a large image as JPEG within maxSide pixels; returns null when it is not smaller. */
async function compress(bytes, { maxSide, quality }) {
  const out = await sharp(bytes, { failOn: 'none' })
    .rotate()
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality, mozjpeg: true })
    .toBuffer();
  return out.length < bytes.length ? out : null;
}

/** A small JPEG preview (for chat lists and WhatsApp's jpegThumbnail). */
async function thumbnail(bytes, side) {
  return sharp(bytes, { failOn: 'none' })
    .rotate()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 70 })
    .toBuffer();
}

/**
 * task: { bytes: Uint8Array, mimeType, kind, compressAboveBytes, maxSide, quality, thumbnailSide }
 * result: { bytes, mimeType, size, sha256, width, height, compressed, originalSize, originalSha256, thumbnail }
 */
export default async function processMedia(task) {
  const original = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  const originalSha256 = createHash('sha256').update(original).digest('hex');
  let bytes = original;
  let mimeType = task.mimeType;
  let compressed = false;
  let width = null;
  let height = null;
  let thumb = null;
  const isImage = task.kind === 'image' || task.kind === 'sticker';
  if (isImage && COMPRESSIBLE.has(task.mimeType)) {
    ({ width, height } = await dimensions(original));
    if (task.kind === 'image' && original.length > task.compressAboveBytes && width !== null) {
      const smaller = await compress(original, task).catch(() => null);
      if (smaller) {
        bytes = smaller;
        mimeType = 'image/jpeg';
        compressed = true;
        ({ width, height } = await dimensions(bytes));
      }
    }
    if (width !== null && task.thumbnailSide > 0) thumb = await thumbnail(bytes, task.thumbnailSide).catch(() => null);
  }
  const sha256 = compressed ? createHash('sha256').update(bytes).digest('hex') : originalSha256;
  const result = {
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    mimeType,
    size: bytes.length,
    sha256,
    width,
    height,
    compressed,
    originalSize: original.length,
    originalSha256,
    thumbnail: thumb ? new Uint8Array(thumb.buffer, thumb.byteOffset, thumb.byteLength) : null,
  };
  const transfer = [result.bytes.buffer];
  if (result.thumbnail && result.thumbnail.buffer !== result.bytes.buffer) transfer.push(result.thumbnail.buffer);
  return move({ [transferableSymbol]: transfer, [valueSymbol]: result });
}
