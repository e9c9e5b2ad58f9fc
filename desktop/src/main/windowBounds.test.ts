import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { restoreBounds, trackWindowBounds } from './windowBounds.ts';

const limits = { defaults: { width: 1280, height: 820 }, min: { width: 800, height: 560 } };
const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const monitorRight = { x: 1440, y: -200, width: 2560, height: 1400 };

describe('restoreBounds', () => {
  it('centres a default window on the primary display the first time', () => {
    expect(restoreBounds(undefined, [laptop], limits)).toEqual({ bounds: { x: 80, y: 28, width: 1280, height: 820 }, maximized: false });
  });

  it('keeps bounds that are fully visible', () => {
    const saved = { x: 100, y: 50, width: 1000, height: 700 };
    expect(restoreBounds(saved, [laptop], limits).bounds).toEqual(saved);
  });

  it('restores onto a secondary monitor that is still connected, with the maximised state', () => {
    const saved = { x: 2000, y: 0, width: 1600, height: 1000, maximized: true };
    expect(restoreBounds(saved, [laptop, monitorRight], limits)).toEqual({ bounds: { x: 2000, y: 0, width: 1600, height: 1000 }, maximized: true });
  });

  it('falls back to the primary display when the saved monitor was unplugged', () => {
    const saved = { x: 2000, y: 0, width: 1600, height: 1000 };
    expect(restoreBounds(saved, [laptop], limits).bounds).toEqual({ x: 80, y: 28, width: 1280, height: 820 });
  });

  it('moves a window whose title bar hangs off the screen back inside, and shrinks it to the work area', () => {
    expect(restoreBounds({ x: 1000, y: -20, width: 3000, height: 2000 }, [laptop], limits).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
    expect(restoreBounds({ x: 1300, y: 600, width: 1000, height: 700 }, [laptop], limits).bounds).toEqual({ x: 440, y: 175, width: 1000, height: 700 });
  });

  it('enforces the minimum size where the display allows it', () => {
    expect(restoreBounds({ x: 10, y: 10, width: 200, height: 100 }, [laptop], limits).bounds).toEqual({ x: 10, y: 10, width: 800, height: 560 });
    const tiny = { x: 0, y: 0, width: 640, height: 480 };
    expect(restoreBounds({ x: 0, y: 0, width: 1000, height: 700 }, [tiny], limits).bounds).toEqual(tiny);
  });

  it('ignores garbage from a hand-edited settings file', () => {
    for (const bad of [{ x: Number.NaN, y: 0, width: 10, height: 10 }, { x: 0, y: 0, width: -5, height: 10 }, { x: '1', y: 0, width: 900, height: 600 }]) {
      expect(restoreBounds(bad as never, [laptop], limits).bounds).toEqual({ x: 80, y: 28, width: 1280, height: 820 });
    }
  });

  it('copes with no displays reported', () => {
    expect(restoreBounds(undefined, [], limits).bounds).toEqual({ x: 0, y: 0, width: 1280, height: 820 });
  });
});

class FakeWindow extends EventEmitter {
  bounds = { x: 10, y: 20, width: 1000, height: 700 };
  maximized = false;
  isDestroyed = () => false;
  isMinimized = () => false;
  isMaximized = () => this.maximized;
  getNormalBounds = () => this.bounds;
}

describe('trackWindowBounds', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once, after moves and resizes settle', () => {
    const win = new FakeWindow();
    const save = vi.fn();
    trackWindowBounds(win as never, save, 500);
    win.emit('move');
    vi.advanceTimersByTime(300);
    win.bounds = { x: 50, y: 60, width: 1100, height: 750 };
    win.emit('resize');
    vi.advanceTimersByTime(499);
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith({ x: 50, y: 60, width: 1100, height: 750, maximized: false });
  });

  it('saves at once on close, including the maximised state, and cancels the pending save', () => {
    const win = new FakeWindow();
    const save = vi.fn();
    trackWindowBounds(win as never, save, 500);
    win.maximized = true;
    win.emit('maximize');
    win.emit('close');
    expect(save).toHaveBeenCalledWith({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    vi.advanceTimersByTime(1000);
    expect(save).toHaveBeenCalledTimes(1);
  });
});
