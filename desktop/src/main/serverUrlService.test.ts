import { describe, expect, it, vi } from 'vitest';
import { MESSAGES } from './messages.ts';
import { createServerUrlService } from './serverUrlService.ts';
import type { DesktopSettings, SettingsStore } from './settingsStore.ts';

function memorySettings(initial: DesktopSettings = {}): SettingsStore & { writes: DesktopSettings[] } {
  let current = { ...initial };
  const writes: DesktopSettings[] = [];
  return {
    writes,
    get: () => current,
    update: async (patch) => {
      current = { ...current, ...patch };
      writes.push(current);
    },
  };
}

describe('server URL service', () => {
  it('is null until the first-start setup stores one', async () => {
    const settings = memorySettings();
    const s = createServerUrlService({ settings, messages: MESSAGES.en, probe: false });
    expect(s.get()).toBeNull();
    expect(await s.set('sb.example.com/')).toEqual({ ok: true, url: 'https://sb.example.com' });
    expect(s.get()).toBe('https://sb.example.com');
    expect(settings.writes).toEqual([{ serverUrl: 'https://sb.example.com' }]);
  });

  it('refuses an invalid URL with a translated message and stores nothing', async () => {
    const settings = memorySettings();
    const s = createServerUrlService({ settings, messages: MESSAGES.es, probe: false });
    expect(await s.set('ftp://x')).toEqual({ ok: false, code: 'invalid_url', message: MESSAGES.es.invalidUrl });
    expect(settings.writes).toEqual([]);
  });

  it('refuses an unreachable server when probing', async () => {
    const settings = memorySettings();
    const fetch = vi.fn(async () => Promise.reject(new TypeError('fetch failed')));
    const s = createServerUrlService({ settings, messages: MESSAGES.en, probe: true, probeOptions: { fetch } });
    const r = await s.set('https://down.example');
    expect(r).toMatchObject({ ok: false, code: 'unreachable' });
    expect(settings.writes).toEqual([]);
  });

  it('announces a change of origin (not a repeat of the same one)', async () => {
    const onChange = vi.fn();
    const s = createServerUrlService({ settings: memorySettings({ serverUrl: 'https://a.example' }), messages: MESSAGES.en, probe: false, onChange });
    await s.set('https://a.example/');
    expect(onChange).not.toHaveBeenCalled();
    await s.set('https://b.example');
    expect(onChange).toHaveBeenCalledWith('https://b.example', 'https://a.example');
  });

  it('ignores a stored value that is not a valid origin (hand-edited settings)', () => {
    const s = createServerUrlService({ settings: memorySettings({ serverUrl: 'javascript:alert(1)' }), messages: MESSAGES.en, probe: false });
    expect(s.get()).toBeNull();
  });

  it('uses the development override without storing it, until the user picks a server', async () => {
    const settings = memorySettings({ serverUrl: 'https://stored.example' });
    const s = createServerUrlService({ settings, messages: MESSAGES.en, probe: false, override: 'http://localhost:5000' });
    expect(s.get()).toBe('http://localhost:5000');
    await s.set('https://picked.example');
    expect(s.get()).toBe('https://picked.example');
  });
});
