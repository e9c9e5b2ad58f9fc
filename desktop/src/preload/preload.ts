/**
 * The sandboxed preload (bundled to dist/electron/preload.cjs: sandboxed preloads are CJS and
 * may require nothing but electron). Exposes exactly `DesktopBridge` as `window.switchboard`
 * through contextBridge; each method maps to one channel of the contract and never hands the
 * page ipcRenderer or an IpcRendererEvent. Navigation events arriving before the renderer
 * subscribes are held (a deep link can arrive with the launch) and delivered to the first
 * subscriber.
 * from: renderer platform.ts → here → next: main's ipcHandlers.ts.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopBridge, InvokeChannels, NotifyRequest, SendChannels } from '../common/ipcContract.ts';

const HELD_ROUTES_LIMIT = 10;

type InvokeArgs<K extends keyof InvokeChannels> = InvokeChannels[K]['req'] extends void ? [] : [InvokeChannels[K]['req']];

function invoke<K extends keyof InvokeChannels>(channel: K, ...args: InvokeArgs<K>): Promise<InvokeChannels[K]['res']> {
  return ipcRenderer.invoke(channel, ...args) as Promise<InvokeChannels[K]['res']>;
}

function send<K extends keyof SendChannels>(channel: K, payload: SendChannels[K]): void {
  ipcRenderer.send(channel, payload);
}

/** `process.platform` as the contract names it. */
function osName(platform: string): DesktopBridge['os'] {
  return platform === 'linux' || platform === 'darwin' || platform === 'win32' ? platform : 'other';
}

/** The app version main passes as `--switchboard-version=<v>` (a sandboxed preload cannot read package.json). */
function versionFrom(argv: readonly string[]): string {
  const arg = argv.find((a) => a.startsWith('--switchboard-version='));
  return arg ? arg.slice('--switchboard-version='.length) : '0.0.0';
}

const listeners = new Set<(route: string) => void>();
const held: string[] = [];

ipcRenderer.on('sb:navigate', (_event: IpcRendererEvent, route: unknown) => {
  if (typeof route !== 'string') return;
  if (listeners.size === 0) {
    held.push(route);
    if (held.length > HELD_ROUTES_LIMIT) held.shift();
    return;
  }
  for (const listener of listeners) listener(route);
});

function onNavigate(cb: (route: string) => void): () => void {
  if (typeof cb !== 'function') throw new TypeError('onNavigate expects a function');
  const listener = (route: string): void => {
    cb(route);
  };
  listeners.add(listener);
  for (const route of held.splice(0)) listener(route);
  return () => {
    listeners.delete(listener);
  };
}

const bridge: DesktopBridge = {
  kind: 'desktop',
  version: versionFrom(process.argv),
  os: osName(process.platform),
  getServerUrl: () => invoke('sb:server-url:get'),
  setServerUrl: (url: string) => invoke('sb:server-url:set', url),
  getToken: () => invoke('sb:token:get'),
  setToken: (token: string) => invoke('sb:token:set', token),
  clearToken: () => invoke('sb:token:clear'),
  secureStorage: () => invoke('sb:secure-storage'),
  notify: (n: NotifyRequest) => {
    send('sb:notify', n);
  },
  setBadge: (count: number) => {
    send('sb:badge', count);
  },
  onNavigate,
};

contextBridge.exposeInMainWorld('switchboard', bridge);
