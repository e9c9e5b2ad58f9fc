import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { CONSOLE_CSP, serveConsole } from './serveConsole.ts';

let dirs: string[] = [];
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** Writes a build (index.html naming `asset`, and the asset with its .gz) into `dir`. */
function writeBuild(dir: string, asset: string, code: string): void {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'assets', asset), code);
  writeFileSync(join(dir, 'assets', `${asset}.gz`), gzipSync(code));
  writeFileSync(join(dir, 'index.html'), `<script src="/assets/${asset}"></script>`);
}

async function serve(dir: string): Promise<string> {
  const app = new Koa();
  app.use(serveConsole(dir));
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = 'not found';
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  stop = () => new Promise((r) => server.close(() => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('serveConsole', () => {
  it('serves hashed assets for a year, gzipped when accepted, and the app shell for app routes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'console-'));
    dirs.push(root);
    writeBuild(root, 'index-A.js', 'console.log("A")');
    const url = await serve(root);

    const plain = await fetch(`${url}/assets/index-A.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await plain.text()).toBe('console.log("A")');
    const gz = await fetch(`${url}/assets/index-A.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe('console.log("A")'); // fetch inflates it

    const shell = await fetch(`${url}/inbox/ventas/34600000001@s.whatsapp.net`);
    expect(shell.status).toBe(200);
    expect(shell.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(await shell.text()).toContain('/assets/index-A.js');
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
    // The desktop app's update files are not app routes: without them, 404, never the shell.
    expect((await fetch(`${url}/desktop/updates/latest.yml`)).status).toBe(404);
    expect((await fetch(`${url}/assets/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });

  it('picks up a rebuild moved into place while it runs: the new shell and assets, the old ones 404', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'console-'));
    dirs.push(parent);
    const live = join(parent, 'renderer');
    writeBuild(live, 'index-A.js', 'console.log("A")');
    const url = await serve(live);
    expect(await (await fetch(`${url}/`)).text()).toContain('index-A.js');

    // As consoleBuild.ts does: build elsewhere, remove the old folder, move the new one in.
    const next = join(parent, 'renderer.tmp');
    writeBuild(next, 'index-B.js', 'console.log("B")');
    rmSync(live, { recursive: true });
    renameSync(next, live);

    expect(await (await fetch(`${url}/`)).text()).toContain('index-B.js');
    const b = await fetch(`${url}/assets/index-B.js`);
    expect(b.status).toBe(200);
    expect(await b.text()).toBe('console.log("B")');
    expect((await fetch(`${url}/assets/index-A.js`)).status).toBe(404);
  });
});
