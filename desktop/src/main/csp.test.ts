import { describe, expect, it } from 'vitest';
import { buildCsp, websocketOrigin } from './csp.ts';

const directives = (csp: string): Map<string, string> =>
  new Map(csp.split('; ').map((d) => [d.slice(0, d.indexOf(' ')), d.slice(d.indexOf(' ') + 1)] as [string, string]));

describe('buildCsp', () => {
  it('allows only the app itself before a server is configured', () => {
    const d = directives(buildCsp(null));
    expect(d.get('default-src')).toBe("'self'");
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(d.get('img-src')).toBe("'self' data: blob:");
    expect(d.get('media-src')).toBe("'self' blob:");
    expect(d.get('connect-src')).toBe("'self'");
    expect(d.get('object-src')).toBe("'none'");
    expect(d.get('base-uri')).toBe("'none'");
    expect(d.get('frame-ancestors')).toBe("'none'");
    expect(d.get('form-action')).toBe("'none'");
  });

  it('adds the server origin to images, media and connections, and its websocket origin to connections', () => {
    const d = directives(buildCsp('https://sb.example.com:8443'));
    expect(d.get('img-src')).toBe("'self' data: blob: https://sb.example.com:8443");
    expect(d.get('media-src')).toBe("'self' blob: https://sb.example.com:8443");
    expect(d.get('connect-src')).toBe("'self' https://sb.example.com:8443 wss://sb.example.com:8443");
    expect(d.get('script-src')).toBe("'self'");
  });

  it('uses ws: for an http server', () => {
    expect(directives(buildCsp('http://10.0.0.5:5000')).get('connect-src')).toBe("'self' http://10.0.0.5:5000 ws://10.0.0.5:5000");
  });

  it('ignores a server value that is not a bare http(s) origin (no directive injection)', () => {
    for (const bad of ["https://a.example; script-src 'unsafe-inline'", 'https://a.example/path', 'javascript:alert(1)', 'ftp://a.example', '*']) {
      expect(buildCsp(bad)).toBe(buildCsp(null));
    }
  });
});

describe('websocketOrigin', () => {
  it('maps https to wss and http to ws', () => {
    expect(websocketOrigin('https://a.example')).toBe('wss://a.example');
    expect(websocketOrigin('http://[::1]:5000')).toBe('ws://[::1]:5000');
  });
});
