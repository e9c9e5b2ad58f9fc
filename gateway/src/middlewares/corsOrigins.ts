import { DESKTOP_APP_ORIGIN } from '@switchboard/shared';

/**
 * Which browser origins may call the gateway cross-origin (REST and Socket.IO): CORS_ORIGINS
 * (`*` for any) plus, always, the desktop app's console origin (`switchboard-app://console`),
 * which loads its pages from a custom scheme and calls the gateway with a bearer token.
 */
export function corsOriginAllowed(configured: readonly string[]): (origin: string | undefined) => boolean {
  const allowed = new Set([...configured, DESKTOP_APP_ORIGIN]);
  const any = allowed.has('*');
  return (origin) => !!origin && (any || allowed.has(origin));
}
