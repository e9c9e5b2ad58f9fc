import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES } from './messages.ts';
import { createTokenStore, type SafeStorageLike } from './tokenStore.ts';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

/** A reversible fake: XOR with a key, so the file never holds the token in clear. */
function fakeSafeStorage(opts: { available?: boolean; backend?: string; async?: boolean } = {}): SafeStorageLike & { calls: string[] } {
  const key = 0x5a;
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ key));
  const calls: string[] = [];
  const s: SafeStorageLike & { calls: string[] } = {
    calls,
    isEncryptionAvailable: () => opts.available ?? true,
    encryptString: (text) => (calls.push('encryptString'), xor(Buffer.from(`v10${text}`))),
    decryptString: (data) => {
      calls.push('decryptString');
      const text = xor(data).toString();
      if (!text.startsWith('v10')) throw new Error('bad');
      return text.slice(3);
    },
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
  };
  if (opts.async) {
    s.isAsyncEncryptionAvailable = async () => opts.available ?? true;
    s.encryptStringAsync = async (text) => (calls.push('encryptStringAsync'), xor(Buffer.from(`v10${text}`)));
    s.decryptStringAsync = async (data) => (calls.push('decryptStringAsync'), { shouldReEncrypt: false, result: xor(data).toString().slice(3) });
  }
  return s;
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-token-'));
  file = join(dir, 'token.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const store = (safeStorage: SafeStorageLike, platform: NodeJS.Platform = 'linux', allowInsecure = false) =>
  createTokenStore({ safeStorage, file, platform, allowInsecure: () => allowInsecure, messages: MESSAGES.en });

describe('token store', () => {
  it('round-trips the token through safeStorage and never writes it in clear', async () => {
    const s = store(fakeSafeStorage());
    expect(await s.save(TOKEN)).toEqual({ ok: true });
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain(TOKEN);
    expect(Buffer.from(JSON.parse(raw).data, 'base64').toString()).not.toContain(TOKEN);
    expect(await s.load()).toBe(TOKEN);
  });

  it('writes the file readable by the owner only', async () => {
    await store(fakeSafeStorage()).save(TOKEN);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('prefers the asynchronous safeStorage API when Electron has it', async () => {
    const safe = fakeSafeStorage({ async: true });
    const s = store(safe);
    await s.save(TOKEN);
    expect(await s.load()).toBe(TOKEN);
    expect(safe.calls).toEqual(['encryptStringAsync', 'decryptStringAsync']);
  });

  it('refuses to store the token on Linux basic_text, and reports the storage as weak', async () => {
    const s = store(fakeSafeStorage({ backend: 'basic_text' }));
    expect(await s.info()).toEqual({ available: true, backend: 'basic_text', weak: true });
    const r = await s.save(TOKEN);
    expect(r).toMatchObject({ ok: false, code: 'insecure_storage' });
    expect(r.ok ? '' : r.message).toContain('SWITCHBOARD_ALLOW_INSECURE_TOKEN_STORAGE=1');
    expect(() => statSync(file)).toThrow();
  });

  it('refuses when no encryption is available at all', async () => {
    const s = store(fakeSafeStorage({ available: false }), 'win32');
    expect(await s.info()).toEqual({ available: false, backend: 'os', weak: true });
    expect(await s.save(TOKEN)).toMatchObject({ ok: false, code: 'insecure_storage' });
  });

  it('stores weakly only when the user opted in, still reporting weak', async () => {
    const s = store(fakeSafeStorage({ backend: 'basic_text' }), 'linux', true);
    expect(await s.save(TOKEN)).toEqual({ ok: true });
    expect(await s.load()).toBe(TOKEN);
    expect((await s.info()).weak).toBe(true);
  });

  it('reports strong storage on macOS and Windows when encryption is available', async () => {
    expect(await store(fakeSafeStorage(), 'darwin').info()).toEqual({ available: true, backend: 'os', weak: false });
    expect(await store(fakeSafeStorage({ backend: 'kwallet6' }), 'linux').info()).toEqual({ available: true, backend: 'kwallet6', weak: false });
  });

  it('answers storage_failed without echoing the error when encryption throws', async () => {
    const safe = fakeSafeStorage();
    safe.encryptString = () => {
      throw new Error(`cannot encrypt ${TOKEN}`);
    };
    const r = await store(safe).save(TOKEN);
    expect(r).toEqual({ ok: false, code: 'storage_failed', message: MESSAGES.en.storageFailed });
  });

  it('reads a missing, corrupt or undecryptable file as no token', async () => {
    const s = store(fakeSafeStorage());
    expect(await s.load()).toBeNull();
    writeFileSync(file, '{nope');
    expect(await s.load()).toBeNull();
    writeFileSync(file, JSON.stringify({ v: 1, kind: 'safeStorage', data: Buffer.from('garbage').toString('base64') }));
    expect(await s.load()).toBeNull();
  });

  it('clears the token', async () => {
    const s = store(fakeSafeStorage());
    await s.save(TOKEN);
    await s.clear();
    expect(await s.load()).toBeNull();
    await s.clear(); // clearing twice is fine
  });
});
