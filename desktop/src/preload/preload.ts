/**
 * The sandboxed preload (bundled to dist/electron/preload.cjs: sandboxed preloads are CJS and
 * may require nothing but electron). Exposes exactly `DesktopBridge` as `window.switchboard`
 * through contextBridge; each method maps to one channel of the contract and never hands the
 * page ipcRenderer or an IpcRendererEvent. Navigation events and notification replies arriving
 * before the renderer subscribes are held (a deep link can arrive with the launch) and delivered
 * to the first subscriber.
 * from: renderer platform.ts → here → next: main's ipcHandlers.ts.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopBridge, DesktopLanguage, EventChannels, InvokeChannels, NotificationReply, NotifyRequest, SendChannels, ThemeSource } from '../common/ipcContract.ts';

const HELD_EVENTS_LIMIT = 10;

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

/**
 * A main → renderer event channel whose events wait for the first subscriber (a deep link can
 * arrive with the launch; a notification can be answered before anyone signed in): at most
 * HELD_EVENTS_LIMIT are held, the oldest dropped. `parse` gives what the page gets (never the IPC
 * event), or null for a payload to ignore.
 */
function heldChannel<T>(channel: keyof EventChannels, parse: (raw: unknown) => T | null, what: string): (cb: (payload: T) => void) => () => void {
  const listeners = new Set<(payload: T) => void>();
  const held: T[] = [];
  ipcRenderer.on(channel, (_event: IpcRendererEvent, raw: unknown) => {
    const payload = parse(raw);
    if (payload === null) return;
    if (listeners.size === 0) {
      held.push(payload);
      if (held.length > HELD_EVENTS_LIMIT) held.shift();
      return;
    }
    for (const listener of listeners) listener(payload);
  });
  return (cb) => {
    if (typeof cb !== 'function') throw new TypeError(`${what} expects a function`);
    const listener = (payload: T): void => {
      cb(payload);
    };
    listeners.add(listener);
    for (const payload of held.splice(0)) listener(payload);
    return () => {
      listeners.delete(listener);
    };
  };
}

const asRoute = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/** Only the two fields of a reply reach the page. */
const asReply = (v: unknown): NotificationReply | null => {
  const r = v as Partial<NotificationReply> | null;
  return typeof r === 'object' && r !== null && typeof r.replyTo === 'string' && typeof r.text === 'string' ? { replyTo: r.replyTo, text: r.text } : null;
};

const onNavigate = heldChannel('sb:navigate', asRoute, 'onNavigate');
const onNotificationReply = heldChannel('sb:notification-reply', asReply, 'onNotificationReply');

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
  setTheme: (theme: ThemeSource) => {
    send('sb:theme', theme);
  },
  setLanguage: (language: DesktopLanguage) => {
    send('sb:language', language);
  },
  onNavigate,
  onNotificationReply,
};

contextBridge.exposeInMainWorld('switchboard', bridge);
