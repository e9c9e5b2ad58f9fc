/**
 * The desktop app's updates, served from the folder DESKTOP_UPDATES_DIR names at
 * `/desktop/updates/<file>`: the `latest*.yml` feeds and the installers electron-builder writes
 * (docs/desktop.md, *Updates*). The app (desktop/src/main/updates.ts) reads them from the server
 * it is connected to, so a company updates its team from its own server. Public, like any
 * download page: the files hold no secret. Only plain file names in the folder itself are served
 * (decoded once; no sub-folders, no dot files); the feeds are never cached, so a new release is seen at once.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Middleware } from 'koa';

/** Where the updates are served. */
export const DESKTOP_UPDATES_PATH = '/desktop/updates/';

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/;

const TYPES: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.json': 'application/json',
};

/** The methods the updates answer at a path (for 405 answers). */
export const desktopUpdateMethods = (path: string): readonly string[] => (path.startsWith(DESKTOP_UPDATES_PATH) ? ['GET', 'HEAD'] : []);

/** Koa middleware serving `dir`'s files under DESKTOP_UPDATES_PATH (404 for anything else there). */
export function serveDesktopUpdates(dir: string): Middleware {
  return async (ctx, next) => {
    if (!ctx.path.startsWith(DESKTOP_UPDATES_PATH) || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    let name: string;
    try {
      name = decodeURIComponent(ctx.path.slice(DESKTOP_UPDATES_PATH.length));
    } catch {
      return next();
    }
    // No slash of either kind can pass: the name stays inside `dir`.
    if (!FILE_NAME.test(name)) return next();
    const abs = join(dir, name);
    const st = await stat(abs).catch(() => null);
    if (!st?.isFile()) return next();
    const ext = extname(name).toLowerCase();
    ctx.type = TYPES[ext] ?? 'application/octet-stream';
    ctx.set('Cache-Control', ext === '.yml' || ext === '.yaml' ? 'no-cache' : 'public, max-age=3600');
    ctx.set('X-Content-Type-Options', 'nosniff');
    if (ctx.method === 'HEAD') {
      // Headers only: no file opened for a body nobody reads.
      ctx.status = 200;
      ctx.length = st.size;
      return;
    }
    ctx.length = st.size;
    ctx.body = createReadStream(abs);
  };
}
