/**
 * A stand-in for the `electron` module in main-process tests (the Electron binary is not
 * available here): just enough of app, BrowserWindow, session, ipcMain, Menu, Tray,
 * Notification, safeStorage, screen, dialog, net and shell to run the start-up for real and
 * observe it. Use with `vi.mock('electron', async () => (await import('./testing/fakeElectron.ts')).fakeElectron)`
 * and call `resetFakeElectron()` before each test.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** A fake web contents. */
export class FakeWebContents extends EventEmitter {
  send = vi.fn();
  reload = vi.fn();
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

/** A fake BrowserWindow recording its options and calls. */
export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  loadURL = vi.fn(async (_url: string) => undefined);
  show = vi.fn(() => void (this.visible = true));
  hide = vi.fn(() => void (this.visible = false));
  focus = vi.fn();
  restore = vi.fn(() => void (this.minimized = false));
  maximize = vi.fn();
  flashFrame = vi.fn();
  setOverlayIcon = vi.fn();
  isDestroyed = () => false;
  isVisible = () => this.visible;
  isMinimized = () => this.minimized;
  isMaximized = () => false;
  isFocused = () => false;
  getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 820 });
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
    fakeElectron.app.emit('web-contents-created', {}, this.webContents);
  }
}

/** A fake Tray. */
export class FakeTray extends EventEmitter {
  static all: FakeTray[] = [];
  setContextMenu = vi.fn();
  setToolTip = vi.fn();
  destroy = vi.fn();
  constructor(readonly icon: unknown) {
    super();
    FakeTray.all.push(this);
  }
}

/** A fake Notification. */
export class FakeNotification extends EventEmitter {
  static all: FakeNotification[] = [];
  static isSupported = () => true;
  show = vi.fn();
  close = vi.fn();
  constructor(readonly options: unknown) {
    super();
    FakeNotification.all.push(this);
  }
}

/** App state and methods; methods read the live `fakeElectron.app`, so resets can replace them in place. */
function appMembers() {
  const self = () => fakeElectron.app;
  return {
    isPackaged: false,
    paths: {} as Record<string, string>,
    lock: true,
    ready: Promise.resolve() as Promise<void>,
    getPath: vi.fn((name: string) => self().paths[name] ?? `/tmp/fake-${name}`),
    setPath: vi.fn((name: string, value: string) => void (self().paths[name] = value)),
    getLocale: vi.fn(() => 'es-ES'),
    commandLine: { appendSwitch: vi.fn() },
    getVersion: vi.fn(() => '0.1.0'),
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => self().lock),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: vi.fn(() => self().ready),
    setAppUserModelId: vi.fn(),
    setAsDefaultProtocolClient: vi.fn(() => true),
    setBadgeCount: vi.fn(() => true),
    setAboutPanelOptions: vi.fn(),
    showAboutPanel: vi.fn(),
  };
}

function ipcMembers() {
  const self = () => fakeElectron.ipcMain;
  return {
    handle: vi.fn((channel: string, h: Handler) => void self().handlers.set(channel, h)),
    on: vi.fn((channel: string, h: Handler) => void self().listeners.set(channel, h)),
    removeHandler: vi.fn((channel: string) => void self().handlers.delete(channel)),
    removeListener: vi.fn((channel: string) => void self().listeners.delete(channel)),
  };
}

function fakeSession() {
  return {
    protocol: { handle: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
}

/** The fake module. Its objects are reset in place so imports keep pointing at them. */
export const fakeElectron = {
  app: Object.assign(new EventEmitter(), appMembers()),
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Notification: FakeNotification,
  ipcMain: { handlers: new Map<string, Handler>(), listeners: new Map<string, Handler>(), ...ipcMembers() },
  session: { defaultSession: fakeSession() },
  protocol: { registerSchemesAsPrivileged: vi.fn() },
  Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
  nativeTheme: { themeSource: 'system' as 'system' | 'light' | 'dark' },
  nativeImage: { createFromBuffer: vi.fn((buffer: Buffer) => ({ png: buffer.length })) },
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => true),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
    encryptString: vi.fn((text: string) => Buffer.from(text, 'utf8').reverse()),
    decryptString: vi.fn((data: Buffer) => Buffer.from(data).reverse().toString('utf8')),
  },
  screen: {
    getPrimaryDisplay: vi.fn(() => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } })),
    getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]),
  },
  dialog: { showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })) },
  net: { fetch: vi.fn(async (_url: string, _init?: unknown) => new Response('{}', { status: 200 })) },
  shell: { openExternal: vi.fn(async (_url: string) => undefined) },
};

/** Fresh state for the next test (same object identities). */
export function resetFakeElectron(): void {
  vi.clearAllMocks();
  fakeElectron.app.removeAllListeners();
  Object.assign(fakeElectron.app, appMembers());
  fakeElectron.ipcMain.handlers.clear();
  fakeElectron.ipcMain.listeners.clear();
  Object.assign(fakeElectron.ipcMain, ipcMembers());
  Object.assign(fakeElectron.session.defaultSession, fakeSession());
  FakeBrowserWindow.all = [];
  FakeTray.all = [];
  FakeNotification.all = [];
  fakeElectron.nativeTheme.themeSource = 'system';
}
