import { mkdtempSync, rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authDirOf, openFileAuthState } from './fileAuthState.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'actor-file-auth-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('file auth state', () => {
  it('keeps a folder per session under DATA_DIR/auth and round-trips creds and keys', async () => {
    const a = await openFileAuthState(dataDir, 'shop-1');
    a.state.creds.me = { id: '1555:2@s.whatsapp.net' };
    await a.saveCreds();
    await a.state.keys.set({ session: { 'x.0': Buffer.from('abc') } });
    expect(existsSync(join(dataDir, 'auth', 'shop-1', 'creds.json'))).toBe(true);

    const b = await openFileAuthState(dataDir, 'shop-1');
    expect(b.registered).toBe(true);
    expect(b.state.creds).toEqual(a.state.creds);
    const keys = await b.state.keys.get('session', ['x.0']);
    expect(Buffer.from(keys['x.0']!).toString()).toBe('abc');

    await b.clear();
    expect(existsSync(join(dataDir, 'auth', 'shop-1'))).toBe(false);
  });

  it('refuses session ids that would escape the folder', () => {
    expect(() => authDirOf(dataDir, '../etc')).toThrow();
    expect(() => authDirOf(dataDir, 'a/b')).toThrow();
  });
});
