import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance, revealWindow } from './singleInstance.ts';

const fakeApp = (lock: boolean) => Object.assign(new EventEmitter(), { requestSingleInstanceLock: vi.fn(() => lock), quit: vi.fn() });

describe('claimSingleInstance', () => {
  it('quits and reports false when another instance has the lock', () => {
    const app = fakeApp(false);
    const handlers = { showWindow: vi.fn(), navigate: vi.fn() };
    expect(claimSingleInstance(app as never, handlers)).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('shows the window on a second launch and follows an allowed link from its arguments', () => {
    const app = fakeApp(true);
    const handlers = { showWindow: vi.fn(), navigate: vi.fn() };
    expect(claimSingleInstance(app as never, handlers)).toBe(true);
    app.emit('second-instance', {}, ['switchboard.exe', '--flag', 'switchboard://sessions/abc'], 'C:\\');
    expect(handlers.showWindow).toHaveBeenCalledOnce();
    expect(handlers.navigate).toHaveBeenCalledWith('/sessions/abc');
  });

  it('shows the window without navigating when the second launch has no link', () => {
    const app = fakeApp(true);
    const handlers = { showWindow: vi.fn(), navigate: vi.fn() };
    claimSingleInstance(app as never, handlers);
    app.emit('second-instance', {}, ['switchboard'], '/');
    expect(handlers.showWindow).toHaveBeenCalledOnce();
    expect(handlers.navigate).not.toHaveBeenCalled();
  });
});

describe('revealWindow', () => {
  it('restores a minimised window, shows a hidden one and focuses it', () => {
    const win = { isDestroyed: () => false, isMinimized: () => true, isVisible: () => false, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
    revealWindow(win as never);
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('does nothing without a window', () => {
    expect(() => revealWindow(null)).not.toThrow();
  });
});
