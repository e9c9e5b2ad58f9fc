import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSettingsStore } from './settingsStore.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('starts empty and persists updates as JSON', async () => {
    const file = join(dir, 'settings.json');
    const s = openSettingsStore(file);
    expect(s.get()).toEqual({});
    await s.update({ serverUrl: 'https://a.example' });
    await s.update({ windowBounds: { x: 1, y: 2, width: 900, height: 600 } });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ serverUrl: 'https://a.example', windowBounds: { x: 1, y: 2, width: 900, height: 600 } });
    expect(openSettingsStore(file).get().serverUrl).toBe('https://a.example');
  });

  it('removes keys set to undefined', async () => {
    const file = join(dir, 'settings.json');
    const s = openSettingsStore(file);
    await s.update({ serverUrl: 'https://a.example' });
    await s.update({ serverUrl: undefined });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({});
  });

  it('writes atomically, leaving no temporary files, and keeps the last of concurrent updates', async () => {
    const file = join(dir, 'settings.json');
    const s = openSettingsStore(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.update({ serverUrl: `https://s${i}.example` })));
    expect(JSON.parse(readFileSync(file, 'utf8')).serverUrl).toBe('https://s19.example');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('reads a corrupt or non-object file as empty settings', () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{broken');
    expect(openSettingsStore(file).get()).toEqual({});
    writeFileSync(file, '[1,2]');
    expect(openSettingsStore(file).get()).toEqual({});
  });
});
