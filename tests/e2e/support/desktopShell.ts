/// <reference lib="dom" />
// (the init scripts run in the browser)
/**
 * The renderer as the desktop app runs it, in headless Chromium: the real preload bundle
 * (desktop/src/preload/preload.ts, built as for Electron) runs in the page before the app and
 * exposes `window.switchboard`; only Electron itself is faked, because its binary cannot run
 * here. The fake `ipcRenderer` answers the invoke channels the way main does at its simplest
 * (the gateway is the page's own origin, the token lives in sessionStorage, the OS stores it
 * safely), records what the page sends (`sb:notify`, `sb:badge`) and lets the test deliver main's
 * events (`sb:navigate`, `sb:notification-reply`). Main's own handlers are tested in
 * desktop/src/main with a mocked `electron` module.
 */
import { bundlePreload } from '@switchboard/desktop/build/electron';
import type { BrowserContext, Page } from 'playwright-core';

/** A message the page sent to main. */
export interface SentToMain {
  channel: string;
  payload: unknown;
}

interface ShellWindow {
  __sentToMain: SentToMain[];
  __emitFromMain(channel: string, payload: unknown): void;
  __fakeElectron: unknown;
}

/** Installs the fake Electron and the real preload in every page of `context`. */
export async function installDesktopShell(context: BrowserContext, os: 'linux' | 'darwin' = 'linux'): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as ShellWindow;
    const sent: SentToMain[] = [];
    const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
    w.__sentToMain = sent;
    w.__emitFromMain = (channel, payload) => {
      for (const l of listeners.get(channel) ?? []) l({ senderId: 0 }, payload);
    };
    const answers: Record<string, (arg: unknown) => unknown> = {
      'sb:server-url:get': () => location.origin,
      'sb:server-url:set': (url) => ({ ok: true, url }),
      'sb:token:get': () => sessionStorage.getItem('desktop.token'),
      'sb:token:set': (token) => (sessionStorage.setItem('desktop.token', String(token)), { ok: true }),
      'sb:token:clear': () => sessionStorage.removeItem('desktop.token'),
      'sb:secure-storage': () => ({ available: true, backend: 'os', weak: false }),
    };
    w.__fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => Object.defineProperty(window, key, { value: Object.freeze(api) }) },
      ipcRenderer: {
        invoke: async (channel: string, arg: unknown) => {
          const answer = answers[channel];
          if (!answer) throw new Error(`no handler for ${channel}`);
          return answer(arg);
        },
        send: (channel: string, payload: unknown) => void sent.push({ channel, payload }),
        on: (channel: string, listener: (event: unknown, payload: unknown) => void) => void listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
      },
    };
  });
  const preload = await bundlePreload();
  // The CommonJS bundle as a sandboxed preload runs it: `require('electron')` only, and process.argv.
  await context.addInitScript(
    `(function (require, module, exports, process) {\n${preload}\n})(` +
      `(name) => { if (name === 'electron') return window.__fakeElectron; throw new Error('a sandboxed preload cannot require ' + name); },` +
      `{ exports: {} }, {}, { argv: ['--switchboard-version=e2e'], platform: ${JSON.stringify(os)} });`,
  );
}

/** What the page sent to main on `channel`, so far. */
export function sentToMain(page: Page, channel: string): Promise<unknown[]> {
  return page.evaluate((c) => (window as unknown as ShellWindow).__sentToMain.filter((m) => m.channel === c).map((m) => m.payload), channel);
}

/** Delivers one of main's events to the page (as `webContents.send` would). */
export function emitFromMain(page: Page, channel: string, payload: unknown): Promise<void> {
  return page.evaluate(([c, p]) => (window as unknown as ShellWindow).__emitFromMain(c as string, p), [channel, payload] as const);
}
