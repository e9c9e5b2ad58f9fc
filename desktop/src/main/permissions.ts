/**
 * Web permissions are denied by default. The app's own pages may show notifications, write to
 * the clipboard (copy a message, a pairing code) and use the microphone (a voice note: audio
 * only, never the camera); camera, geolocation, HID/USB/serial, screen capture and the rest are
 * refused, for every origin.
 */
import type { Session } from 'electron';
import { isAppUrl } from './appUrl.ts';

/** Permissions the app origin may use. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write']);

/** The permission decision: only the allow-list, only for the app origin (`url` may be an origin or a page URL). */
export function isPermissionAllowed(permission: string, url: string | undefined | null): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(url);
}

/** `media` for the app origin when it asks for audio alone (the microphone, for a voice note). */
export function isMicrophoneOnly(permission: string, url: string | undefined | null, mediaTypes: readonly string[] | undefined): boolean {
  return permission === 'media' && isAppUrl(url) && !!mediaTypes && mediaTypes.length > 0 && mediaTypes.every((m) => m === 'audio');
}

/** Installs the request and check handlers on `session`, and denies device access outright. */
export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isPermissionAllowed(permission, details.requestingUrl) || isMicrophoneOnly(permission, details.requestingUrl, mediaTypes));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const mediaType = details?.mediaType;
    return isPermissionAllowed(permission, requestingOrigin) || isMicrophoneOnly(permission, requestingOrigin, mediaType ? [mediaType] : undefined);
  });
  session.setDevicePermissionHandler(() => false);
}
