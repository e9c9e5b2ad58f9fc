/**
 * Serves the built console (desktop/dist/renderer) at `/`: hashed assets under `/assets/` with
 * long caching (and their pre-compressed `.gz` when the client accepts gzip), and `index.html`
 * for every other GET outside `/api` and `/socket.io` so the app's own routes (e.g. the emailed
 * `/reset-password?token=…` link) load the app. Only files listed at start-up are served: no
 * path from the client reaches the disk. The console's CSP is set here: scripts and styles from
 * the server itself only.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Middleware } from 'koa';
import { DESKTOP_UPDATES_PATH } from './desktopUpdates.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

/** The Content-Security-Policy of the console pages. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

interface Asset {
  abs: string;
  type: string;
  size: number;
  gz: string | null;
}

/** Every servable file of the build, by URL path. */
function listAssets(dir: string): Map<string, Asset> {
  const out = new Map<string, Asset>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const abs = join(d, name);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (!name.endsWith('.gz')) {
        const url = `/${relative(dir, abs).split(sep).join('/')}`;
        out.set(url, { abs, type: TYPES[extname(name)] ?? 'application/octet-stream', size: st.size, gz: existsSync(`${abs}.gz`) ? `${abs}.gz` : null });
      }
    }
  };
  walk(dir);
  return out;
}

/** True for paths that belong to the API or Socket.IO, never to the console. */
function isServerPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/socket.io') || path.startsWith(DESKTOP_UPDATES_PATH);
}

/** The methods the console answers at a path: GET and HEAD outside the API (for 405 answers). */
export const consoleMethods = (path: string): readonly string[] => (isServerPath(path) ? [] : ['GET', 'HEAD']);

/** The build as last read: its files and index.html, and when index.html was written. */
interface Build {
  assets: Map<string, Asset>;
  index: Buffer;
  /** index.html's inode and modification time. */
  version: string;
}

const versionOf = (dir: string): string => {
  const st = statSync(join(dir, 'index.html'));
  return `${st.ino}:${st.mtimeMs}`;
};

function readBuild(dir: string): Build {
  const version = versionOf(dir);
  return { assets: listAssets(dir), index: readFileSync(join(dir, 'index.html')), version };
}

/**
 * Koa middleware serving the console from `dir` (a Vite build with index.html). A rebuild while
 * the server runs (`pnpm build:console`, a deploy) is picked up at the next request: the build
 * moves a whole new folder into place (desktop/build/consoleBuild.ts), so a new index.html means
 * a new build, whose old assets are gone.
 */
export function serveConsole(dir: string): Middleware {
  let build = readBuild(dir);
  const current = (): Build => {
    try {
      if (versionOf(dir) !== build.version) build = readBuild(dir);
    } catch {
      // Mid-swap (the old folder removed, the new one not yet in place): keep what was read.
    }
    return build;
  };
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || isServerPath(ctx.path)) return next();
    const { assets, index } = current();
    const asset = assets.get(ctx.path);
    if (asset && ctx.path !== '/index.html') {
      ctx.type = asset.type;
      ctx.set('Cache-Control', ctx.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      ctx.vary('Accept-Encoding');
      if (asset.gz && ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
        ctx.set('Content-Encoding', 'gzip');
        ctx.body = createReadStream(asset.gz);
      } else {
        ctx.length = asset.size;
        ctx.body = createReadStream(asset.abs);
      }
      return;
    }
    // A missing asset is a 404 (an old tab after a deploy), not the app shell. App routes may
    // look like files (`/inbox/ventas/346…@s.whatsapp.net`): only known asset types count.
    if (ctx.path.startsWith('/assets/') || extname(ctx.path) in TYPES) return next();
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('Content-Security-Policy', CONSOLE_CSP);
    ctx.body = index;
  };
}
