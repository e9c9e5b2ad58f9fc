import { describe, expect, it } from 'vitest';
import { APP_START_URL, isAppUrl } from './appUrl.ts';

describe('isAppUrl', () => {
  it('accepts the app origin and its pages', () => {
    for (const u of ['switchboard-app://console', 'switchboard-app://console/', 'switchboard-app://console/inbox?x=1#y', APP_START_URL]) expect(isAppUrl(u)).toBe(true);
  });

  it('refuses everything else', () => {
    for (const u of [
      'switchboard-app://console.evil.example/',
      'switchboard-app://console:8080/',
      'switchboard-app://user@console/',
      'switchboard-app://other/',
      'https://console/',
      'file:///console/',
      'switchboard://console/',
      'null',
      '',
      undefined,
      42,
    ]) {
      expect(isAppUrl(u)).toBe(false);
    }
  });
});
