/**
 * Keeps every web contents on the app: navigation and redirects away from the app origin are
 * blocked, new windows are denied (links the user clicks open in the system browser instead
 * when they are plain https, or http to the configured server), and <webview> never attaches.
 * Installed for every web contents from `app.on('web-contents-created')`.
 */
import type { WebContents } from 'electron';
import { isAppUrl } from './appUrl.ts';

const MAX_EXTERNAL_URL_LENGTH = 4096;

/**
 * True when `url` may be handed to the OS browser: https (or http to the configured server's
 * origin), without credentials in the URL.
 */
export function externalUrlAllowed(url: string, serverOrigin: string | null): boolean {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password || !parsed.hostname) return false;
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && serverOrigin !== null && parsed.origin === serverOrigin;
}

/** What the guards need from the rest of the app. */
export interface NavigationGuardOptions {
  /** The configured server origin (null before setup). */
  serverOrigin: () => string | null;
  /** Opens a URL in the OS browser (`shell.openExternal`). */
  openExternal: (url: string) => Promise<void>;
}

/** Installs the navigation, redirect, window-open and webview guards on `contents`. */
export function hardenWebContents(contents: WebContents, opts: NavigationGuardOptions): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    // A plain link to the web (no target=_blank) opens in the browser rather than doing nothing.
    if (externalUrlAllowed(event.url, opts.serverOrigin())) void opts.openExternal(event.url).catch(() => undefined);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (externalUrlAllowed(url, opts.serverOrigin())) void opts.openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
}
