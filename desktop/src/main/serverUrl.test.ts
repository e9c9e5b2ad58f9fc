import { describe, expect, it, vi } from 'vitest';
import { normalizeServerUrl, probeServer } from './serverUrl.ts';

describe('normalizeServerUrl', () => {
  it.each([
    ['https://sb.example.com', 'https://sb.example.com'],
    ['https://sb.example.com/', 'https://sb.example.com'],
    ['  https://SB.Example.com:443/  ', 'https://sb.example.com'],
    ['http://10.0.0.5:5000', 'http://10.0.0.5:5000'],
    ['sb.example.com', 'https://sb.example.com'],
    ['localhost:5000', 'https://localhost:5000'],
    ['http://[::1]:5000/', 'http://[::1]:5000'],
  ])('accepts %s as %s', (input, origin) => {
    expect(normalizeServerUrl(input)).toEqual({ ok: true, url: origin });
  });

  it.each([
    'ftp://sb.example.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'switchboard-app://console',
    'https://user:pw@sb.example.com',
    'https://user@sb.example.com',
    'https://sb.example.com/api',
    'https://sb.example.com/?x=1',
    'https://sb.example.com/?',
    'https://sb.example.com/#top',
    'https://sb example.com',
    '',
    '   ',
    `https://${'a'.repeat(2100)}.com`,
  ])('refuses %s', (input) => {
    expect(normalizeServerUrl(input)).toEqual({ ok: false });
  });

  it('refuses non-strings', () => {
    for (const v of [undefined, null, 1, {}]) expect(normalizeServerUrl(v)).toEqual({ ok: false });
  });
});

describe('probeServer', () => {
  it('asks for the OpenAPI document without following redirects', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 200 }));
    expect(await probeServer('https://sb.example.com', { fetch })).toBe(true);
    expect(fetch).toHaveBeenCalledWith('https://sb.example.com/api/openapi.json', expect.objectContaining({ method: 'GET', redirect: 'manual' }));
  });

  it('is false for an error status, a redirect or a network failure', async () => {
    expect(await probeServer('https://a.example', { fetch: async () => new Response('', { status: 404 }) })).toBe(false);
    expect(await probeServer('https://a.example', { fetch: async () => new Response(null, { status: 302 }) })).toBe(false);
    expect(await probeServer('https://a.example', { fetch: async () => Promise.reject(new TypeError('fetch failed')) })).toBe(false);
  });
});
