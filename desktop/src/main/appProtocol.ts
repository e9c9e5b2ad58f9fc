/**
 * The privileged `switchboard-app://` scheme the renderer is loaded from (never file://).
 * `registerAppScheme` must run before the app is ready; `createAppRequestHandler` is the
 * `protocol.handle` callback: GET/HEAD only, files confined to the renderer build, SPA
 * fallback, and the strict CSP on every answer (errors included).
 */
import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_SCHEME } from '../common/ipcContract.ts';
import { isAppUrl } from './appUrl.ts';
import { mimeTypeFor, resolveStaticPath } from './staticPath.ts';

/** Declares the scheme standard and secure (so it gets an origin, fetch, CORS and CSP), before `ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, allowServiceWorkers: false, stream: false },
    },
  ]);
}

/** What the handler needs. */
export interface AppRequestHandlerOptions {
  /** The renderer build (desktop/dist/renderer). */
  distDir: string;
  /** The current CSP header value (recomputed when the server URL changes). */
  csp: () => string;
  /** Reads a file (tests inject one); defaults to fs.readFile. */
  readFile?: (path: string) => Promise<Uint8Array<ArrayBuffer>>;
}

/** The `protocol.handle` callback serving the renderer build. */
export function createAppRequestHandler(opts: AppRequestHandlerOptions): (request: Request) => Promise<Response> {
  const read = opts.readFile ?? (async (path: string) => new Uint8Array(await readFile(path)));
  const headersFor = (contentType: string): Headers =>
    new Headers({
      'content-type': contentType,
      'content-security-policy': opts.csp(),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      'cross-origin-opener-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
    });
  const plain = (status: number, text: string, extra: Record<string, string> = {}): Response => {
    const headers = headersFor('text/plain; charset=utf-8');
    for (const [k, v] of Object.entries(extra)) headers.set(k, v);
    return new Response(text, { status, headers });
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed', { allow: 'GET, HEAD' });
    if (!isAppUrl(request.url)) return plain(404, 'Not Found');
    const target = resolveStaticPath(opts.distDir, new URL(request.url).pathname);
    if (target.kind === 'rejected') return plain(400, 'Bad Request');
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await read(target.path);
    } catch {
      return plain(404, 'Not Found');
    }
    const headers = headersFor(mimeTypeFor(target.path));
    headers.set('content-length', String(body.byteLength));
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

/** Serves the app scheme on `session` (the window's session) with `handler`. */
export function installAppProtocol(session: Session, handler: (request: Request) => Promise<Response>): void {
  session.protocol.handle(APP_SCHEME, handler);
}
