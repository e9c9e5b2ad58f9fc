/**
 * The app's icons drawn in code (no binary assets in the repository): a blue disc with a
 * white speech-bubble dot for the window, tray and installers, and a red disc for the Windows
 * unread overlay. `renderIconPng` rasterises with 4×4 supersampling and encodes a PNG.
 */
import { crc32, deflateSync } from 'node:zlib';

/** An RGB colour. */
export type Rgb = readonly [number, number, number];

/** Brand blue of the icon. */
export const ICON_BLUE: Rgb = [37, 99, 235];
/** Red of the unread overlay. */
export const OVERLAY_RED: Rgb = [220, 38, 38];

/** Shape of an icon. */
export interface IconSpec {
  size: number;
  color: Rgb;
  /** Draws the white inner dot (the app icon; not the overlay). */
  dot: boolean;
}

/** Coverage (0..1) of pixel (px, py) by the shape, from 16 samples. */
function coverage(px: number, py: number, spec: IconSpec): { disc: number; dot: number } {
  const r = spec.size / 2;
  let disc = 0;
  let dot = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const dx = px + (sx + 0.5) / 4 - r;
      const dy = py + (sy + 0.5) / 4 - r;
      const d = Math.hypot(dx, dy);
      if (d <= r * 0.94) disc++;
      if (spec.dot && d <= r * 0.36) dot++;
    }
  }
  return { disc: disc / 16, dot: dot / 16 };
}

/** RGBA pixels of the icon, row by row. */
export function renderIconRgba(spec: IconSpec): Uint8Array {
  const out = new Uint8Array(spec.size * spec.size * 4);
  for (let y = 0; y < spec.size; y++) {
    for (let x = 0; x < spec.size; x++) {
      const { disc, dot } = coverage(x, y, spec);
      const i = (y * spec.size + x) * 4;
      for (let c = 0; c < 3; c++) out[i + c] = Math.round(spec.color[c]! * (1 - dot) + 255 * dot);
      out[i + 3] = Math.round(255 * disc);
    }
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The icon as a PNG file (8-bit RGBA, no filtering). */
export function renderIconPng(spec: IconSpec): Buffer {
  const rgba = renderIconRgba(spec);
  const stride = spec.size * 4;
  const raw = Buffer.alloc((stride + 1) * spec.size);
  for (let y = 0; y < spec.size; y++) raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.size, 0);
  ihdr.writeUInt32BE(spec.size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}
