/**
 * The desktop app's updates over real HTTP from the gateway: the feed electron-builder writes
 * (latest.yml) and the installer it names are served from DESKTOP_UPDATES_DIR, byte for byte
 * with the size and sha512 the feed promises, the feed never cached; nothing outside the folder
 * is reachable (without the folder, the console's own test shows nothing answers either).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'desktop-updates-'));
const installer = randomBytes(256 * 1024);
const sha512 = createHash('sha512').update(installer).digest('base64');
const FEED = ['version: 0.2.0', 'files:', '  - url: Switchboard-0.2.0.AppImage', `    sha512: ${sha512}`, `    size: ${installer.length}`, 'path: Switchboard-0.2.0.AppImage', `sha512: ${sha512}`, "releaseDate: '2026-12-07T10:00:00.000Z'", ''].join('\n');

let w: GatewayWorld;

beforeAll(async () => {
  writeFileSync(join(dir, 'latest-linux.yml'), FEED);
  writeFileSync(join(dir, 'Switchboard-0.2.0.AppImage'), installer);
  writeFileSync(join(dir, '.hidden'), 'no');
  mkdirSync(join(dir, 'old'));
  writeFileSync(join(dir, 'old', 'latest-linux.yml'), 'version: 0.1.0\n');
  writeFileSync(join(tmpdir(), 'outside-updates.txt'), 'secret');
  w = await openGateway('gw-desktop-updates', { settings: { desktopUpdatesDir: dir } });
});

afterAll(async () => {
  await w?.close();
});

const get = (path: string, init?: RequestInit) => fetch(`${w.url}${path}`, init);

describe('desktop updates', () => {
  it('serves the feed uncached and the installer it names, byte for byte', async () => {
    const feed = await get('/desktop/updates/latest-linux.yml');
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/yaml; charset=utf-8');
    expect(feed.headers.get('cache-control')).toBe('no-cache');
    expect(await feed.text()).toBe(FEED);

    const file = await get('/desktop/updates/Switchboard-0.2.0.AppImage');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(Number(file.headers.get('content-length'))).toBe(installer.length);
    const body = Buffer.from(await file.arrayBuffer());
    expect(createHash('sha512').update(body).digest('base64')).toBe(sha512);

    const head = await get('/desktop/updates/Switchboard-0.2.0.AppImage', { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, String(installer.length)]);
    expect((await get('/desktop/updates/latest-linux.yml', { method: 'POST' })).status).toBe(405);
  });

  it('reaches nothing outside the folder, nor hidden files or sub-folders', async () => {
    for (const path of ['/desktop/updates/..%2Foutside-updates.txt', '/desktop/updates/%2e%2e%2foutside-updates.txt', '/desktop/updates/.hidden', '/desktop/updates/old/latest-linux.yml', '/desktop/updates/old%2Flatest-linux.yml', '/desktop/updates/missing.yml', '/desktop/updates/', '/desktop/updates/%E0%A4%A']) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.text()).not.toContain('secret');
    }
  });
});
