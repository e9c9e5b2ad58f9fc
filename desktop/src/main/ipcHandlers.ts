/**
 * Registers one `ipcMain.handle` per InvokeChannels entry and one `ipcMain.on` per
 * SendChannels entry, from two exhaustive tables (a missing channel is a type error). Every
 * message is checked first: an untrusted sender gets a rejected promise (invoke) or is
 * ignored (send); a payload of the wrong type or size likewise.
 * from: preload's `invoke`/`send` → here → next: the services of desktopApp.ts.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import {
  IPC_LIMITS,
  type InvokeChannels,
  type NotifyRequest,
  type SecureStorageInfo,
  type SendChannels,
  type SetServerUrlResult,
  type StoreTokenResult,
  type DesktopLanguage,
  type ThemeSource,
} from '../common/ipcContract.ts';
import { boundedString, isTrustedSender, validBadgeCount, validLanguage, validNotifyRequest, validTheme, validToken } from './ipcValidation.ts';

/** What the renderer may ask of main. */
export interface DesktopServices {
  getServerUrl(): string | null;
  setServerUrl(input: string): Promise<SetServerUrlResult>;
  getToken(): Promise<string | null>;
  setToken(token: string): Promise<StoreTokenResult>;
  clearToken(): Promise<void>;
  secureStorage(): Promise<SecureStorageInfo>;
  notify(request: NotifyRequest): void;
  setBadge(count: number): void;
  setTheme(theme: ThemeSource): void;
  setLanguage(language: DesktopLanguage): void;
}

/** Thrown back to the renderer (as a rejected invoke) for a refused message. */
export class IpcRefusedError extends Error {
  constructor(readonly code: 'untrusted_sender' | 'invalid_payload') {
    super(code);
    this.name = 'IpcRefusedError';
  }
}

type InvokeTable = { [K in keyof InvokeChannels]: (arg: unknown) => Promise<InvokeChannels[K]['res']> };
type SendTable = { [K in keyof SendChannels]: (arg: unknown) => void };

/** `value`, or an `invalid_payload` refusal when a validator returned undefined. */
function required<T>(value: T | undefined): T {
  if (value === undefined) throw new IpcRefusedError('invalid_payload');
  return value;
}

/** No argument expected: anything else is refused. */
function none(arg: unknown): void {
  if (arg !== undefined) throw new IpcRefusedError('invalid_payload');
}

function invokeTable(s: DesktopServices): InvokeTable {
  return {
    'sb:server-url:get': async (arg) => (none(arg), s.getServerUrl()),
    'sb:server-url:set': (arg) => s.setServerUrl(required(boundedString(arg, IPC_LIMITS.serverUrl))),
    'sb:token:get': async (arg) => (none(arg), s.getToken()),
    'sb:token:set': (arg) => s.setToken(required(validToken(arg))),
    'sb:token:clear': async (arg) => (none(arg), s.clearToken()),
    'sb:secure-storage': async (arg) => (none(arg), s.secureStorage()),
  };
}

function sendTable(s: DesktopServices): SendTable {
  return {
    'sb:notify': (arg) => {
      const request = validNotifyRequest(arg);
      if (request) s.notify(request);
    },
    'sb:badge': (arg) => {
      const count = validBadgeCount(arg);
      if (count !== undefined) s.setBadge(count);
    },
    'sb:theme': (arg) => {
      const theme = validTheme(arg);
      if (theme !== undefined) s.setTheme(theme);
    },
    'sb:language': (arg) => {
      const language = validLanguage(arg);
      if (language !== undefined) s.setLanguage(language);
    },
  };
}

/** Registers every channel of the contract on `ipcMain`; returns a function that removes them. */
export function registerIpcHandlers(ipcMain: IpcMain, services: DesktopServices): () => void {
  const invoke = invokeTable(services);
  const send = sendTable(services);
  const invokeNames = Object.keys(invoke) as (keyof InvokeChannels)[];
  const sendNames = Object.keys(send) as (keyof SendChannels)[];
  const listeners = new Map<string, (event: IpcMainEvent, arg: unknown) => void>();

  for (const channel of invokeNames) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event)) throw new IpcRefusedError('untrusted_sender');
      if (args.length > 1) throw new IpcRefusedError('invalid_payload');
      return invoke[channel](args[0]);
    });
  }
  for (const channel of sendNames) {
    const listener = (event: IpcMainEvent, arg: unknown): void => {
      if (isTrustedSender(event)) send[channel](arg);
    };
    listeners.set(channel, listener);
    ipcMain.on(channel, listener);
  }
  return () => {
    for (const channel of invokeNames) ipcMain.removeHandler(channel);
    for (const [channel, listener] of listeners) ipcMain.removeListener(channel, listener);
  };
}
