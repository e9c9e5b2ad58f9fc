import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopBridge } from '../common/ipcContract.ts';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => 'answer'), send: vi.fn(), on: vi.fn(), removeListener: vi.fn(), sendSync: vi.fn() },
}));
vi.mock('electron', () => electron);

/** Every key of DesktopBridge (the `satisfies` makes a missing or extra key a type error). */
const BRIDGE_KEYS = Object.keys({
  kind: true,
  version: true,
  os: true,
  getServerUrl: true,
  setServerUrl: true,
  getToken: true,
  setToken: true,
  clearToken: true,
  secureStorage: true,
  notify: true,
  setBadge: true,
  setTheme: true,
  setLanguage: true,
  onNavigate: true,
  onNotificationReply: true,
} satisfies Record<keyof DesktopBridge, true>).sort();

let bridge: DesktopBridge;
let emitNavigate: (event: unknown, route: unknown) => void;
let emitReply: (event: unknown, reply: unknown) => void;

beforeEach(async () => {
  vi.resetModules();
  vi.clearAllMocks();
  process.argv.push('--switchboard-version=1.2.3');
  await import('./preload.ts');
  process.argv.pop();
  bridge = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as DesktopBridge;
  emitNavigate = electron.ipcRenderer.on.mock.calls.find(([channel]) => channel === 'sb:navigate')![1] as typeof emitNavigate;
  emitReply = electron.ipcRenderer.on.mock.calls.find(([channel]) => channel === 'sb:notification-reply')![1] as typeof emitReply;
});

describe('preload', () => {
  it('exposes exactly the DesktopBridge as window.switchboard, once', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0]![0]).toBe('switchboard');
    expect(Object.keys(bridge).sort()).toEqual(BRIDGE_KEYS);
    expect(bridge.kind).toBe('desktop');
    expect(bridge.version).toBe('1.2.3');
    expect(['linux', 'darwin', 'win32', 'other']).toContain(bridge.os);
  });

  it('exposes no part of ipcRenderer, directly or as a return value', async () => {
    const leaks = new Set<unknown>([electron.ipcRenderer, ...Object.values(electron.ipcRenderer)]);
    for (const value of Object.values(bridge)) expect(leaks.has(value)).toBe(false);
    const results = [
      await bridge.getServerUrl(),
      await bridge.setServerUrl('https://a.example'),
      await bridge.getToken(),
      await bridge.setToken('t'),
      await bridge.clearToken(),
      await bridge.secureStorage(),
      bridge.notify({ title: 't', body: 'b', tag: 'x' }),
      bridge.setBadge(1),
      bridge.setTheme('dark'),
      bridge.setLanguage('es'),
      bridge.onNavigate(() => undefined),
      bridge.onNotificationReply(() => undefined),
    ];
    for (const r of results) expect(leaks.has(r)).toBe(false);
    expect(results.slice(6, 10)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('maps each method to its contract channel', async () => {
    await bridge.getServerUrl();
    await bridge.setServerUrl('https://a.example');
    await bridge.getToken();
    await bridge.setToken('tok');
    await bridge.clearToken();
    await bridge.secureStorage();
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['sb:server-url:get'],
      ['sb:server-url:set', 'https://a.example'],
      ['sb:token:get'],
      ['sb:token:set', 'tok'],
      ['sb:token:clear'],
      ['sb:secure-storage'],
    ]);
    bridge.notify({ title: 'Ana', body: 'hola', tag: 'chat:1' });
    bridge.setBadge(3);
    bridge.setTheme('light');
    bridge.setLanguage('en');
    expect(electron.ipcRenderer.send.mock.calls).toEqual([
      ['sb:notify', { title: 'Ana', body: 'hola', tag: 'chat:1' }],
      ['sb:badge', 3],
      ['sb:theme', 'light'],
      ['sb:language', 'en'],
    ]);
  });

  it('listens only on the contract event channels', () => {
    expect(electron.ipcRenderer.on.mock.calls.map(([channel]) => channel)).toEqual(['sb:navigate', 'sb:notification-reply']);
  });

  it('hands the page a notification reply (held until it subscribes) with its two fields only', () => {
    emitReply({}, { replyTo: 'tienda/34611@s.whatsapp.net', text: 'Ya va', extra: 'x' });
    emitReply({}, { replyTo: 5, text: 'no' });
    emitReply({}, 'nope');
    const cb = vi.fn();
    bridge.onNotificationReply(cb);
    emitReply({ sender: electron.ipcRenderer }, { replyTo: 'tienda/346@s.whatsapp.net', text: 'Gracias' });
    expect(cb.mock.calls).toEqual([[{ replyTo: 'tienda/34611@s.whatsapp.net', text: 'Ya va' }], [{ replyTo: 'tienda/346@s.whatsapp.net', text: 'Gracias' }]]);
    expect(() => bridge.onNotificationReply(null as never)).toThrow(TypeError);
  });

  it('gives navigation listeners the route only, never the IpcRendererEvent', () => {
    const cb = vi.fn();
    bridge.onNavigate(cb);
    const event = { sender: electron.ipcRenderer, senderId: 0 };
    emitNavigate(event, '/inbox/ventas');
    expect(cb).toHaveBeenCalledWith('/inbox/ventas');
    expect(cb.mock.calls[0]).toHaveLength(1);
  });

  it('holds routes that arrive before anyone subscribes, and ignores non-strings', () => {
    emitNavigate({}, '/sessions/a');
    emitNavigate({}, { evil: true });
    emitNavigate({}, '/inbox');
    const cb = vi.fn();
    bridge.onNavigate(cb);
    expect(cb.mock.calls).toEqual([['/sessions/a'], ['/inbox']]);
  });

  it('unsubscribes', () => {
    const cb = vi.fn();
    const off = bridge.onNavigate(cb);
    off();
    const other = vi.fn();
    bridge.onNavigate(other);
    emitNavigate({}, '/x');
    expect(cb).not.toHaveBeenCalled();
    expect(other).toHaveBeenCalledWith('/x');
  });

  it('refuses a listener that is not a function', () => {
    expect(() => bridge.onNavigate('nope' as never)).toThrow(TypeError);
  });
});
