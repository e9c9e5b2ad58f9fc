/**
 * The session token, kept in `<userData>/token.json` encrypted with Electron's safeStorage
 * (Keychain on macOS, DPAPI on Windows, libsecret/KWallet on Linux). Uses the asynchronous
 * API when the running Electron has it (`encryptStringAsync`, Electron 40+; 39 has only the
 * synchronous one). When the OS offers no real protection — Linux's `basic_text` backend, or
 * no encryption at all — the token is refused (`insecure_storage`) unless the user opted in
 * (SWITCHBOARD_ALLOW_INSECURE_TOKEN_STORAGE=1 or the settings flag). The token is never logged.
 */
import { readFile, rm } from 'node:fs/promises';
import type { SecureStorageInfo, StoreTokenResult } from '../common/ipcContract.ts';
import { writeFileAtomic } from './atomicFile.ts';
import type { Messages } from './messages.ts';

/** The part of Electron's safeStorage used here, plus the async API of newer Electrons (feature-detected). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  decryptStringAsync?(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
}

/** Dependencies of the token store. */
export interface TokenStoreOptions {
  safeStorage: SafeStorageLike;
  /** Where the token lives (`<userData>/token.json`). */
  file: string;
  platform: NodeJS.Platform;
  /** True when the user accepted weak storage. */
  allowInsecure: () => boolean;
  messages: Messages;
}

/** How the token is kept on disk. */
interface TokenFile {
  v: 1;
  /** `safeStorage`: encrypted by the OS; `plain`: opted-in insecure storage without any encryption available. */
  kind: 'safeStorage' | 'plain';
  data: string;
}

/** Stores, reads and forgets the session token. */
export interface TokenStore {
  info(): Promise<SecureStorageInfo>;
  save(token: string): Promise<StoreTokenResult>;
  load(): Promise<string | null>;
  clear(): Promise<void>;
}

/** Creates the token store. */
export function createTokenStore(opts: TokenStoreOptions): TokenStore {
  const s = opts.safeStorage;
  const useAsync = typeof s.encryptStringAsync === 'function' && typeof s.decryptStringAsync === 'function';
  const available = async (): Promise<boolean> =>
    useAsync && s.isAsyncEncryptionAvailable ? s.isAsyncEncryptionAvailable() : s.isEncryptionAvailable();
  const encrypt = async (text: string): Promise<Buffer> => (useAsync ? s.encryptStringAsync!(text) : s.encryptString(text));
  const decrypt = async (data: Buffer): Promise<{ text: string; reEncrypt: boolean }> => {
    if (!useAsync) return { text: s.decryptString(data), reEncrypt: false };
    const r = await s.decryptStringAsync!(data);
    return { text: r.result, reEncrypt: r.shouldReEncrypt };
  };

  const info = async (): Promise<SecureStorageInfo> => {
    const isAvailable = await available();
    if (opts.platform !== 'linux') return { available: isAvailable, backend: 'os', weak: !isAvailable };
    const backend = s.getSelectedStorageBackend?.() ?? 'unknown';
    return { available: isAvailable, backend, weak: !isAvailable || backend === 'basic_text' || backend === 'unknown' };
  };

  const write = async (token: string, canEncrypt: boolean): Promise<void> => {
    const content: TokenFile = canEncrypt
      ? { v: 1, kind: 'safeStorage', data: (await encrypt(token)).toString('base64') }
      : { v: 1, kind: 'plain', data: Buffer.from(token, 'utf8').toString('base64') };
    await writeFileAtomic(opts.file, JSON.stringify(content), 0o600);
  };

  return {
    info,
    async save(token) {
      try {
        const storage = await info();
        if (storage.weak && !opts.allowInsecure()) return { ok: false, code: 'insecure_storage', message: opts.messages.insecureStorage };
        await write(token, storage.available);
        return { ok: true };
      } catch {
        // The error may quote the token (encryption failures): report a constant message only.
        return { ok: false, code: 'storage_failed', message: opts.messages.storageFailed };
      }
    },
    async load() {
      try {
        const file = JSON.parse(await readFile(opts.file, 'utf8')) as Partial<TokenFile>;
        if (file.v !== 1 || typeof file.data !== 'string') return null;
        const bytes = Buffer.from(file.data, 'base64');
        if (file.kind === 'plain') return opts.allowInsecure() ? bytes.toString('utf8') : null;
        if (file.kind !== 'safeStorage') return null;
        const { text, reEncrypt } = await decrypt(bytes);
        if (reEncrypt) await write(text, true).catch(() => undefined);
        return text;
      } catch {
        return null; // absent, corrupt, or encrypted with a key this user no longer has
      }
    },
    async clear() {
      await rm(opts.file, { force: true });
    },
  };
}
