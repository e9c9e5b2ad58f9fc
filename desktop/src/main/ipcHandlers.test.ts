import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, type NotifyRequest, SEND_CHANNELS } from '../common/ipcContract.ts';
import { type DesktopServices, IpcRefusedError, registerIpcHandlers } from './ipcHandlers.ts';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Handler>();
  return {
    handlers,
    listeners,
    handle: (channel: string, h: Handler) => handlers.set(channel, h),
    on: (channel: string, h: Handler) => listeners.set(channel, h),
    removeHandler: (channel: string) => handlers.delete(channel),
    removeListener: (channel: string) => listeners.delete(channel),
  };
}

function services() {
  return {
    getServerUrl: vi.fn(() => 'https://sb.example.com'),
    setServerUrl: vi.fn(async (url: string) => ({ ok: true as const, url })),
    getToken: vi.fn(async () => 'tok'),
    setToken: vi.fn(async () => ({ ok: true as const })),
    clearToken: vi.fn(async () => undefined),
    secureStorage: vi.fn(async () => ({ available: true, backend: 'os', weak: false })),
    notify: vi.fn((_request: NotifyRequest) => undefined),
    setBadge: vi.fn((_count: number) => undefined),
    setTheme: vi.fn((_theme: 'system' | 'light' | 'dark') => undefined),
    setLanguage: vi.fn((_language: 'es' | 'en') => undefined),
  } satisfies DesktopServices;
}

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
const app = frame('switchboard-app://console/inbox');

function setup() {
  const ipc = fakeIpcMain();
  const s = services();
  const unregister = registerIpcHandlers(ipc as never, s);
  const invoke = (event: unknown, channel: string, ...args: unknown[]) => Promise.resolve(ipc.handlers.get(channel)!(event, ...args));
  const send = (event: unknown, channel: string, arg: unknown) => ipc.listeners.get(channel)!(event, arg);
  return { ipc, s, invoke, send, unregister };
}

describe('registerIpcHandlers', () => {
  it('registers exactly the contract channels: handle for invoke, on for send', () => {
    const { ipc, unregister } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect([...ipc.listeners.keys()].sort()).toEqual([...SEND_CHANNELS].sort());
    unregister();
    expect(ipc.handlers.size + ipc.listeners.size).toBe(0);
  });

  it('answers the app page', async () => {
    const { invoke, s } = setup();
    expect(await invoke(app, 'sb:server-url:get')).toBe('https://sb.example.com');
    expect(await invoke(app, 'sb:server-url:set', 'sb.example.com')).toEqual({ ok: true, url: 'sb.example.com' });
    expect(await invoke(app, 'sb:token:get')).toBe('tok');
    expect(await invoke(app, 'sb:token:set', 'eyJhbGciOi.J9.x')).toEqual({ ok: true });
    expect(s.setToken).toHaveBeenCalledWith('eyJhbGciOi.J9.x');
    await invoke(app, 'sb:token:clear');
    expect(s.clearToken).toHaveBeenCalled();
    expect(await invoke(app, 'sb:secure-storage')).toEqual({ available: true, backend: 'os', weak: false });
  });

  it.each([
    ['another origin', frame('https://evil.example/')],
    ['a file page', frame('file:///tmp/x.html')],
    ['another host of the app scheme', frame('switchboard-app://other/')],
    ['a lookalike host', frame('switchboard-app://console.evil.example/')],
    ['a subframe of the app', frame('switchboard-app://console/', { url: 'switchboard-app://console/' })],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses invokes from %s without calling the service', async (_name, event) => {
    const { invoke, send, s } = setup();
    for (const channel of INVOKE_CHANNELS) {
      await expect(invoke(event, channel, channel.endsWith(':set') ? 'x' : undefined)).rejects.toThrow(IpcRefusedError);
    }
    send(event, 'sb:notify', { title: 't', body: 'b', tag: 'x' });
    send(event, 'sb:badge', 3);
    for (const fn of Object.values(s)) expect(fn).not.toHaveBeenCalled();
  });

  it('refuses payloads of the wrong type or size', async () => {
    const { invoke, s } = setup();
    for (const bad of [undefined, 42, {}, ['https://a'], 'x'.repeat(2049), '']) {
      await expect(invoke(app, 'sb:server-url:set', bad)).rejects.toThrow('invalid_payload');
    }
    for (const bad of [undefined, null, 1, { token: 'a' }, 'x'.repeat(8193), 'has space', 'new\nline', '']) {
      await expect(invoke(app, 'sb:token:set', bad)).rejects.toThrow('invalid_payload');
    }
    await expect(invoke(app, 'sb:token:get', 'unexpected')).rejects.toThrow('invalid_payload');
    await expect(invoke(app, 'sb:token:set', 'a', 'b')).rejects.toThrow('invalid_payload');
    expect(s.setServerUrl).not.toHaveBeenCalled();
    expect(s.setToken).not.toHaveBeenCalled();
    expect(s.getToken).not.toHaveBeenCalled();
  });

  it('passes valid notifications through with only the known fields', () => {
    const { send, s } = setup();
    send(app, 'sb:notify', { title: 'Ana', body: 'hola', tag: 'chat:1', route: '/inbox/v/1', silent: true, replyTo: 'v/1@s.whatsapp.net', onclick: 'x' });
    expect(s.notify).toHaveBeenCalledWith({ title: 'Ana', body: 'hola', tag: 'chat:1', route: '/inbox/v/1', silent: true, replyTo: 'v/1@s.whatsapp.net' });
  });

  it('ignores malformed notifications', () => {
    const { send, s } = setup();
    const base = { title: 'Ana', body: 'hola', tag: 't' };
    for (const bad of [
      null,
      'text',
      [],
      { ...base, title: '' },
      { ...base, title: 'x'.repeat(257) },
      { ...base, body: 3 },
      { ...base, body: 'x'.repeat(2049) },
      { ...base, tag: undefined },
      { ...base, route: 'https://evil.example' },
      { ...base, route: '//evil.example' },
      { ...base, route: '/a\\b' },
      { ...base, silent: 'yes' },
      { ...base, replyTo: 7 },
      { ...base, replyTo: '' },
      { ...base, replyTo: 'x'.repeat(513) },
      { ...base, replyTo: 'v/1\n' },
    ]) {
      send(app, 'sb:notify', bad);
    }
    expect(s.notify).not.toHaveBeenCalled();
  });

  it('accepts integer badge counts in range and ignores the rest', () => {
    const { send, s } = setup();
    for (const bad of [-1, 1.5, '3', NaN, Infinity, 100_000, null]) send(app, 'sb:badge', bad);
    expect(s.setBadge).not.toHaveBeenCalled();
    send(app, 'sb:badge', 0);
    send(app, 'sb:badge', 12);
    expect(s.setBadge.mock.calls).toEqual([[0], [12]]);
  });

  it('accepts the three theme sources and ignores anything else', () => {
    const { send, s } = setup();
    for (const bad of ['Dark', 'sepia', '', 1, null, { theme: 'dark' }]) send(app, 'sb:theme', bad);
    expect(s.setTheme).not.toHaveBeenCalled();
    for (const theme of ['dark', 'light', 'system']) send(app, 'sb:theme', theme);
    expect(s.setTheme.mock.calls).toEqual([['dark'], ['light'], ['system']]);
  });

  it('accepts the two console languages and ignores anything else', () => {
    const { send, s } = setup();
    for (const bad of ['ES', 'es-ES', 'fr', '', 0, null, { language: 'es' }]) send(app, 'sb:language', bad);
    expect(s.setLanguage).not.toHaveBeenCalled();
    for (const language of ['es', 'en']) send(app, 'sb:language', language);
    expect(s.setLanguage.mock.calls).toEqual([['es'], ['en']]);
  });
});
