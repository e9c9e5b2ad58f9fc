/**
 * Remembered window placement: `restoreBounds` (pure) puts saved bounds back only where they
 * are still visible — on the display they overlap most, shrunk and moved to fit its work
 * area — and otherwise centres a default-sized window on the primary display (a monitor was
 * unplugged, the resolution changed). `trackWindowBounds` saves them, debounced while the
 * user moves or resizes and at once on close.
 */
import type { BrowserWindow, Rectangle } from 'electron';
import type { SavedBounds } from './settingsStore.ts';

/** Where to open the window, and whether maximised. */
export interface RestoredBounds {
  bounds: Rectangle;
  maximized: boolean;
}

/** Size limits of the window. */
export interface SizeLimits {
  defaults: { width: number; height: number };
  min: { width: number; height: number };
}

/** A part of the title bar this tall must be on screen for saved bounds to count as visible. */
const VISIBLE_STRIP = 48;

function validRect(r: unknown): r is Rectangle {
  if (typeof r !== 'object' || r === null) return false;
  const { x, y, width, height } = r as Record<string, unknown>;
  return [x, y, width, height].every((n) => Number.isFinite(n)) && (width as number) > 0 && (height as number) > 0;
}

function overlap(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(v, Math.max(lo, hi)));

function centred(area: Rectangle, size: { width: number; height: number }): Rectangle {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return {
    x: Math.round(area.x + (area.width - width) / 2),
    y: Math.round(area.y + (area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Bounds for the next window from `saved` and the displays' work areas (`screen.getAllDisplays()`
 * mapped to `workArea`, primary first).
 */
export function restoreBounds(saved: SavedBounds | undefined, workAreas: readonly Rectangle[], limits: SizeLimits): RestoredBounds {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: limits.defaults.width, height: limits.defaults.height };
  if (!validRect(saved)) return { bounds: centred(primary, limits.defaults), maximized: false };
  const titleBar: Rectangle = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(VISIBLE_STRIP, saved.height) };
  let best: Rectangle | undefined;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const o = overlap(titleBar, area);
    if (o > bestOverlap) [best, bestOverlap] = [area, o];
  }
  if (!best) return { bounds: centred(primary, limits.defaults), maximized: saved.maximized === true };
  const width = clamp(Math.round(saved.width), Math.min(limits.min.width, best.width), best.width);
  const height = clamp(Math.round(saved.height), Math.min(limits.min.height, best.height), best.height);
  return {
    bounds: {
      x: clamp(Math.round(saved.x), best.x, best.x + best.width - width),
      y: clamp(Math.round(saved.y), best.y, best.y + best.height - height),
      width,
      height,
    },
    maximized: saved.maximized === true,
  };
}

/** Saves `win`'s placement through `save`: `delayMs` after the last move/resize, and on close. */
export function trackWindowBounds(win: BrowserWindow, save: (bounds: SavedBounds) => void, delayMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const snapshot = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed() || win.isMinimized()) return;
    save({ ...win.getNormalBounds(), maximized: win.isMaximized() });
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(snapshot, delayMs);
  };
  for (const event of ['move', 'resize', 'maximize', 'unmaximize'] as const) win.on(event as 'move', later);
  win.on('close', snapshot);
}
