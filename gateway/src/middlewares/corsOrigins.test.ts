import { DESKTOP_APP_ORIGIN } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { corsOriginAllowed } from './corsOrigins.ts';

describe('corsOriginAllowed', () => {
  it('allows the desktop app and the configured origins, nothing else', () => {
    const allowed = corsOriginAllowed(['https://console.example.com']);
    expect(DESKTOP_APP_ORIGIN).toBe('switchboard-app://console');
    expect(allowed(DESKTOP_APP_ORIGIN)).toBe(true);
    expect(allowed('https://console.example.com')).toBe(true);
    expect(allowed('https://evil.example.com')).toBe(false);
    expect(allowed(undefined)).toBe(false);
    expect(allowed('')).toBe(false);
  });

  it('allows the desktop app even with no configured origin, and any origin with *', () => {
    expect(corsOriginAllowed([])(DESKTOP_APP_ORIGIN)).toBe(true);
    expect(corsOriginAllowed([])('http://localhost:5173')).toBe(false);
    expect(corsOriginAllowed(['*'])('http://localhost:5173')).toBe(true);
  });
});
