/**
 * Web permissions are denied by default. The app's own pages may show notifications and
 * write to the clipboard (copy a message, a pairing code); camera, microphone, geolocation,
 * HID/USB/serial, screen capture and the rest are refused, for every origin.
 */
import type { Session } from 'electron';
import { isAppUrl } from './appUrl.ts';

/** Permissions the app origin may use. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write']);

/** The permission decision: only the allow-list, only for the app origin (`url` may be an origin or a page URL). */
export function isPermissionAllowed(permission: string, url: string | undefined | null): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(url);
}

/** Installs the request and check handlers on `session`, and denies device access outright. */
export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}
