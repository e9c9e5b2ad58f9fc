/**
 * The Content-Security-Policy of every page and asset served from the app scheme. The
 * renderer may talk to itself and to the configured server only; no inline scripts, no
 * plugins, no framing, no forms posting elsewhere. Pure: rebuilt whenever the server changes.
 */

/** `https://host:port` → `wss://host:port` (and http → ws): what Socket.IO connects to. */
export function websocketOrigin(origin: string): string {
  return origin.replace(/^http(s?):/, 'ws$1:');
}

/** The server origin as a CSP source, or null when it is not a plain http(s) origin. */
function serverSource(serverOrigin: string | null): string | null {
  if (!serverOrigin) return null;
  try {
    const u = new URL(serverOrigin);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== serverOrigin) return null;
    return u.origin;
  } catch {
    return null;
  }
}

/**
 * The CSP header value for `serverOrigin` (the stored server URL's origin; null before the
 * first-start setup, when the page may reach nothing but itself).
 */
export function buildCsp(serverOrigin: string | null): string {
  const server = serverSource(serverOrigin);
  const withServer = (...sources: string[]): string => [...sources, ...(server ? [server] : [])].join(' ');
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', withServer("'self'", 'data:', 'blob:')],
    ['media-src', withServer("'self'", 'blob:')],
    ['connect-src', [withServer("'self'"), ...(server ? [websocketOrigin(server)] : [])].join(' ')],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}
