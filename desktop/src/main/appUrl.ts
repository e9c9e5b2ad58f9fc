/**
 * The app's own origin, checked by hand: Node's URL (the main process) gives custom schemes an
 * opaque origin ('null'), so `new URL(u).origin === APP_ORIGIN` never holds. Every trust
 * decision in main (IPC senders, navigation, permissions) goes through `isAppUrl`.
 */
import { APP_ORIGIN, APP_SCHEME } from '../common/ipcContract.ts';

const APP_HOST = new URL(APP_ORIGIN.replace(`${APP_SCHEME}:`, 'https:')).host;

/** True when `url` is a page (or the origin) of the desktop app: `switchboard-app://console[/…]`, nothing else. */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length > 8192) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The start page of the app. */
export const APP_START_URL = `${APP_ORIGIN}/`;
