import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createNavigationQueue } from './navigationQueue.ts';

class FakeWebContents extends EventEmitter {
  send = vi.fn();
}
class FakeWindow extends EventEmitter {
  static last: FakeWindow;
  webContents = new FakeWebContents();
  loadURL = vi.fn(async (_url: string) => undefined);
  maximize = vi.fn();
  show = vi.fn();
  flashFrame = vi.fn();
  isDestroyed = () => false;
  isMinimized = () => false;
  isMaximized = () => false;
  getNormalBounds = () => ({ x: 0, y: 0, width: 1000, height: 700 });
  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super();
    FakeWindow.last = this;
  }
}
vi.mock('electron', () => ({ BrowserWindow: FakeWindow }));

const { createMainWindow } = await import('./mainWindow.ts');

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const open = (savedBounds?: { x: number; y: number; width: number; height: number; maximized?: boolean }) => {
  const navigation = createNavigationQueue();
  createMainWindow({
    preload: '/p/preload.cjs',
    version: '0.1.0',
    devTools: false,
    savedBounds,
    workAreas: [{ x: 0, y: 0, width: 1920, height: 1040 }],
    saveBounds: vi.fn(),
    navigation,
    log,
  });
  return { win: FakeWindow.last, navigation };
};

describe('createMainWindow', () => {
  it('creates a sandboxed, isolated window with the preload and loads the app scheme, never file://', () => {
    const { win } = open();
    const web = win.options.webPreferences!;
    expect(web).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: '/p/preload.cjs' });
    expect(win.loadURL).toHaveBeenCalledWith('switchboard-app://console/');
  });

  it('restores saved bounds clamped to the display, and the maximised state', () => {
    const { win } = open({ x: 1800, y: 100, width: 1000, height: 800, maximized: true });
    expect(win.options).toMatchObject({ x: 920, y: 100, width: 1000, height: 800 });
    expect(win.maximize).toHaveBeenCalled();
  });

  it('shows the window on ready-to-show and stops flashing on focus', () => {
    const { win } = open();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
    win.emit('focus');
    expect(win.flashFrame).toHaveBeenCalledWith(false);
  });

  it('delivers queued routes once the page has loaded, and holds them again while it reloads', () => {
    const { win, navigation } = open();
    navigation.push('/inbox/a');
    expect(win.webContents.send).not.toHaveBeenCalled();
    win.webContents.emit('did-stop-loading');
    expect(win.webContents.send).toHaveBeenCalledWith('sb:navigate', '/inbox/a');
    win.webContents.emit('did-start-loading');
    navigation.push('/sessions/b');
    expect(win.webContents.send).toHaveBeenCalledTimes(1);
    win.webContents.emit('did-stop-loading');
    expect(win.webContents.send).toHaveBeenLastCalledWith('sb:navigate', '/sessions/b');
  });
});
