import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ protocol: { registerSchemesAsPrivileged: vi.fn() } }));
vi.mock('electron', () => electron);

const { createAppRequestHandler, installAppProtocol, registerAppScheme } = await import('./appProtocol.ts');

const CSP = "default-src 'self'; script-src 'self'";
let root: string;
let dist: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sb-app-protocol-'));
  dist = join(root, 'renderer');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(join(dist, 'assets', 'app-1.js'), 'console.log(1)');
  writeFileSync(join(dist, 'assets', 'app-1.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'outside the build');
  handler = createAppRequestHandler({ distDir: dist, csp: () => CSP });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string, method = 'GET'): Promise<Response> => handler(new Request(url, { method }));

describe('registerAppScheme', () => {
  it('registers switchboard-app as standard, secure, fetch- and CORS-enabled, without service workers', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'switchboard-app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, allowServiceWorkers: false }),
      },
    ]);
  });
});

describe('installAppProtocol', () => {
  it('handles the app scheme on the given session', () => {
    const session = { protocol: { handle: vi.fn() } };
    installAppProtocol(session as never, handler);
    expect(session.protocol.handle).toHaveBeenCalledWith('switchboard-app', handler);
  });
});

describe('the app scheme handler', () => {
  it('serves files with their MIME type, nosniff and the CSP', async () => {
    const res = await get('switchboard-app://console/assets/app-1.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
    expect((await get('switchboard-app://console/assets/app-1.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves index.html for / and for client-side routes', async () => {
    for (const url of ['switchboard-app://console/', 'switchboard-app://console/inbox/ventas', 'switchboard-app://console/reset-password?token=abc']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain('<title>Switchboard</title>');
    }
  });

  it('answers HEAD with headers and no body', async () => {
    const res = await get('switchboard-app://console/assets/app-1.js', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String('console.log(1)'.length));
    expect(await res.text()).toBe('');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('refuses %s with 405 (and still sends the CSP)', async (method) => {
    const res = await get('switchboard-app://console/index.html', method);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
  });

  it('answers 404 for a missing asset instead of falling back to the app', async () => {
    const res = await get('switchboard-app://console/assets/missing.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
  });

  it('never serves a file outside the build', async () => {
    for (const path of ['/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/assets/..%5c..%5csecret.txt', '/%2e%2e/secret.txt']) {
      const res = await get(`switchboard-app://console${path}`);
      expect([400, 404]).toContain(res.status);
      expect(await res.text()).not.toContain('outside the build');
    }
  });

  it('answers 404 for another host of the scheme', async () => {
    expect((await get('switchboard-app://other/index.html')).status).toBe(404);
  });

  it('recomputes the CSP on every response', async () => {
    let server = 'https://a.example';
    const h = createAppRequestHandler({ distDir: dist, csp: () => `connect-src ${server}` });
    expect((await h(new Request('switchboard-app://console/'))).headers.get('content-security-policy')).toBe('connect-src https://a.example');
    server = 'https://b.example';
    expect((await h(new Request('switchboard-app://console/'))).headers.get('content-security-policy')).toBe('connect-src https://b.example');
  });
});
