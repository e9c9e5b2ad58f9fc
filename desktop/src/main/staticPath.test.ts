import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveStaticPath } from './staticPath.ts';

const dist = resolve('/srv/app/dist/renderer');
const index = join(dist, 'index.html');

describe('resolveStaticPath', () => {
  it('maps asset paths to files inside the build', () => {
    expect(resolveStaticPath(dist, '/assets/index-abc123.js')).toEqual({ kind: 'file', path: join(dist, 'assets', 'index-abc123.js') });
    expect(resolveStaticPath(dist, '/index.html')).toEqual({ kind: 'file', path: index });
  });

  it('serves index.html for the root and for client routes (paths without a static-file extension)', () => {
    const routes = ['/', '/inbox', '/sessions/abc/', '/assets', '/inbox/ventas/34600000000%40s.whatsapp.net', '/inbox/v/1203-4@g.us', '/x.unknown'];
    for (const p of routes) expect(resolveStaticPath(dist, p)).toEqual({ kind: 'index', path: index });
  });

  it('decodes percent-encoded names once', () => {
    expect(resolveStaticPath(dist, '/assets/a%20b.png')).toEqual({ kind: 'file', path: join(dist, 'assets', 'a b.png') });
  });

  it.each([
    ['dot-dot segment', '/../secret.txt'],
    ['nested dot-dot', '/assets/../../etc/passwd.conf'],
    ['encoded dot-dot', '/%2e%2e/%2e%2e/etc/passwd.txt'],
    ['encoded slash', '/..%2f..%2fetc%2fpasswd.txt'],
    ['encoded backslash', '/..%5c..%5cwindows%5cwin.ini'],
    ['raw backslash', '/..\\..\\windows\\win.ini'],
    ['windows drive', '/C:%5Cwindows%5Cwin.ini'],
    ['encoded drive', '/c%3A/windows/win.ini'],
    ['NUL byte', '/index.html%00.png'],
    ['single dot', '/./index.html'],
    ['malformed escape', '/assets/%E0%A4%A.js'],
    ['not absolute', 'assets/app.js'],
  ])('rejects %s', (_name, path) => {
    expect(resolveStaticPath(dist, path)).toEqual({ kind: 'rejected' });
  });

  it('rejects absurdly long paths', () => {
    expect(resolveStaticPath(dist, `/${'a'.repeat(3000)}.js`)).toEqual({ kind: 'rejected' });
  });

  it('treats double-encoded traversal as a literal (harmless) name inside the build', () => {
    expect(resolveStaticPath(dist, '/%252e%252e/x.js')).toEqual({ kind: 'file', path: join(dist, '%2e%2e', 'x.js') });
  });
});

describe('mimeTypeFor', () => {
  it('knows the types a Vite build produces', () => {
    expect(mimeTypeFor('/a/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/a/app.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/a/app.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('/a/logo.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('/a/font.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('/a/ding.mp3')).toBe('audio/mpeg');
    expect(mimeTypeFor('/a/app.js.map')).toBe('application/json; charset=utf-8');
  });

  it('falls back to opaque bytes', () => {
    expect(mimeTypeFor('/a/blob.bin')).toBe('application/octet-stream');
  });
});
