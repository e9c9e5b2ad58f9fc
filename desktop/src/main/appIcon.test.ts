import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ICON_BLUE, OVERLAY_RED, renderIconPng, renderIconRgba } from './appIcon.ts';

describe('app icon', () => {
  it('encodes a valid RGBA PNG of the requested size', () => {
    const png = renderIconPng({ size: 32, color: ICON_BLUE, dot: true });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(32);
    expect(png.readUInt32BE(20)).toBe(32);
    expect(png[25]).toBe(6); // colour type RGBA
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe(32 * (32 * 4 + 1));
    expect(png.toString('ascii', png.length - 8, png.length - 4)).toBe('IEND');
  });

  it('draws a transparent corner, a coloured disc and a white centre', () => {
    const size = 32;
    const px = (rgba: Uint8Array, x: number, y: number) => [...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    const icon = renderIconRgba({ size, color: ICON_BLUE, dot: true });
    expect(px(icon, 0, 0)[3]).toBe(0);
    expect(px(icon, 16, 16)).toEqual([255, 255, 255, 255]);
    expect(px(icon, 16, 4)).toEqual([...ICON_BLUE, 255]);
    const overlay = renderIconRgba({ size, color: OVERLAY_RED, dot: false });
    expect(px(overlay, 16, 16)).toEqual([...OVERLAY_RED, 255]);
  });
});
