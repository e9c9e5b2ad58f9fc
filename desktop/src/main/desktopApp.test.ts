import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, SEND_CHANNELS } from '../common/ipcContract.ts';
import { FakeBrowserWindow, FakeTray, fakeElectron, resetFakeElectron } from './testing/fakeElectron.ts';

vi.mock('electron', async () => (await import('./testing/fakeElectron.ts')).fakeElectron);

const { startDesktopApp } = await import('./desktopApp.ts');

const { app, ipcMain, session, protocol } = fakeElectron;
const appFrame = { senderFrame: { url: 'switchboard-app://console/', parent: null } };
let root: string;

beforeEach(() => {
  resetFakeElectron();
  root = mkdtempSync(join(tmpdir(), 'sb-desktop-app-'));
  app.paths.userData = join(root, 'Switchboard');
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(root, { recursive: true, force: true });
});

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const start = (argv: string[] = ['/opt/Switchboard/switchboard']) =>
  startDesktopApp({ paths: { preload: '/app/electron/preload.cjs', renderer: join(root, 'renderer') }, argv, allowInsecureTokenStorage: false, serverUrlOverride: null, log });

async function startReady(argv?: string[]): Promise<FakeBrowserWindow> {
  expect(start(argv)).toBe(true);
  await vi.waitFor(() => expect(FakeBrowserWindow.all).toHaveLength(1));
  return FakeBrowserWindow.all[0]!;
}
const invoke = (channel: string, ...args: unknown[]) => Promise.resolve(ipcMain.handlers.get(channel)!(appFrame, ...args));

describe('desktop app start-up', () => {
  it('quits at once, without a window or handlers, when another instance holds the lock', () => {
    app.lock = false;
    expect(start()).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    expect(ipcMain.handle).not.toHaveBeenCalled();
  });

  it('enables the sandbox for every renderer and registers the privileged scheme before ready', () => {
    app.ready = new Promise(() => undefined); // never ready: only the pre-ready steps run
    start();
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'switchboard-app' })]);
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith('switchboard');
    expect(app.paths.userData).toBe(join(root, 'Switchboard-dev')); // development profile
  });

  it('when ready, serves the app scheme, denies permissions, registers every IPC channel and opens the window on the app origin', async () => {
    const win = await startReady();
    expect(session.defaultSession.protocol.handle).toHaveBeenCalledWith('switchboard-app', expect.any(Function));
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect([...ipcMain.listeners.keys()].sort()).toEqual([...SEND_CHANNELS].sort());
    expect(win.loadURL).toHaveBeenCalledWith('switchboard-app://console/');
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/app/electron/preload.cjs' });
    expect(FakeTray.all).toHaveLength(1);
    expect(fakeElectron.Menu.setApplicationMenu).toHaveBeenCalled();
  });

  it('hardens every web contents: window.open denied, navigation away blocked', async () => {
    const win = await startReady();
    expect(win.webContents.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const event = { url: 'https://evil.example', preventDefault: vi.fn() };
    win.webContents.emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('delivers a deep link from the launch arguments once the page has loaded', async () => {
    const win = await startReady(['/opt/Switchboard/switchboard', 'switchboard://sessions/ventas']);
    expect(win.webContents.send).not.toHaveBeenCalled();
    win.webContents.emit('did-stop-loading');
    expect(win.webContents.send).toHaveBeenCalledWith('sb:navigate', '/sessions/ventas');
  });

  it('on a second launch, restores and focuses the window and follows its deep link', async () => {
    const win = await startReady();
    win.webContents.emit('did-stop-loading');
    win.minimized = true;
    app.emit('second-instance', {}, ['/opt/Switchboard/switchboard', 'switchboard://inbox/ventas/34600000000@s.whatsapp.net'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(win.webContents.send).toHaveBeenCalledWith('sb:navigate', '/inbox/ventas/34600000000%40s.whatsapp.net');
  });

  it('ignores a hostile deep link on a second launch but still shows the window', async () => {
    const win = await startReady();
    win.webContents.emit('did-stop-loading');
    app.emit('second-instance', {}, ['/opt/Switchboard/switchboard', 'switchboard://logout?next=https://evil.example'], '/');
    expect(win.show).toHaveBeenCalled();
    expect(win.webContents.send).not.toHaveBeenCalled();
  });

  it('stores the server URL chosen at first start, then serves it in the CSP and reloads the page', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const win = await startReady();
    expect(await invoke('sb:server-url:get')).toBeNull();
    expect(await invoke('sb:server-url:set', 'sb.example.com')).toEqual({ ok: true, url: 'https://sb.example.com' });
    expect(fakeElectron.net.fetch).toHaveBeenCalledWith('https://sb.example.com/api/openapi.json', expect.anything());
    expect(JSON.parse(readFileSync(join(root, 'Switchboard-dev', 'settings.json'), 'utf8'))).toEqual({ serverUrl: 'https://sb.example.com' });
    vi.runAllTimers();
    expect(win.webContents.reload).toHaveBeenCalled();
    const handler = session.defaultSession.protocol.handle.mock.calls[0]![1] as (r: Request) => Promise<Response>;
    const res = await handler(new Request('switchboard-app://console/missing.js'));
    expect(res.headers.get('content-security-policy')).toContain('connect-src \'self\' https://sb.example.com wss://sb.example.com');
  });

  it('refuses to store the token on a basic_text Linux keyring', async () => {
    fakeElectron.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    await startReady();
    const r = await invoke('sb:token:set', 'abc.def.ghi');
    if (process.platform === 'linux') expect(r).toMatchObject({ ok: false, code: 'insecure_storage' });
    else expect(r).toEqual({ ok: true });
  });

  it('hides the window on close, and Quit from the tray asks first when chats are unread', async () => {
    const win = await startReady();
    const close = { preventDefault: vi.fn() };
    win.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(win.hide).toHaveBeenCalled();

    ipcMain.listeners.get('sb:badge')!(appFrame, 2);
    expect(FakeTray.all[0]!.setToolTip).toHaveBeenLastCalledWith('Switchboard: 2 conversaciones sin leer');
    const trayMenu = fakeElectron.Menu.buildFromTemplate.mock.calls.at(-1)![0] as { id?: string; click?: () => void }[];
    trayMenu.find((i) => i.id === 'quit')!.click!();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(fakeElectron.dialog.showMessageBox).toHaveBeenCalled();
  });

  it("makes the window's frame and menus follow the console's theme", async () => {
    await startReady();
    expect(fakeElectron.nativeTheme.themeSource).toBe('system');
    ipcMain.listeners.get('sb:theme')!(appFrame, 'dark');
    expect(fakeElectron.nativeTheme.themeSource).toBe('dark');
    ipcMain.listeners.get('sb:theme')!(appFrame, 'sepia');
    expect(fakeElectron.nativeTheme.themeSource).toBe('dark');
    ipcMain.listeners.get('sb:theme')!(appFrame, 'system');
    expect(fakeElectron.nativeTheme.themeSource).toBe('system');
  });

  it("keeps the console's language, and starts the next run's Chromium in it (date and time fields)", async () => {
    await startReady();
    expect(app.commandLine.appendSwitch).not.toHaveBeenCalled(); // nothing said yet: the system's language
    ipcMain.listeners.get('sb:language')!(appFrame, 'fr');
    ipcMain.listeners.get('sb:language')!(appFrame, 'en');
    const file = join(root, 'Switchboard-dev', 'settings.json');
    await vi.waitFor(() => expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ language: 'en' }));

    // The next start, before ready.
    resetFakeElectron();
    app.paths.userData = join(root, 'Switchboard');
    app.ready = new Promise(() => undefined);
    start();
    expect(app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'en-US');
    expect(app.commandLine.appendSwitch.mock.invocationCallOrder[0]).toBeLessThan(app.whenReady.mock.invocationCallOrder[0]!);
  });

  it('sets the AppUserModelID on Windows', () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      app.ready = new Promise(() => undefined);
      start();
      expect(app.setAppUserModelId).toHaveBeenCalledWith('io.switchboard.desktop');
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });
});
