import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { useMultiFileAuthState } from '@whiskeysockets/baileys';
import type { AuthHandle } from './types.ts';

/** Folder of a session's file auth state: DATA_DIR/auth/<sessionId>. */
export function authDirOf(dataDir: string, sessionId: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(sessionId) || sessionId.startsWith('.')) {
    throw new Error('sessionId is not safe as a folder name');
  }
  return join(dataDir, 'auth', sessionId);
}

/** Opens the file auth state (AUTH_STORAGE=file) with Baileys' useMultiFileAuthState. */
export async function openFileAuthState(dataDir: string, sessionId: string): Promise<AuthHandle> {
  const dir = authDirOf(dataDir, sessionId);
  const { state, saveCreds } = await useMultiFileAuthState(dir);
  let cleared = false;
  const keys = state.keys;
  return {
    state: {
      creds: state.creds,
      keys: { get: (type, ids) => keys.get(type, ids), set: async (data) => (cleared ? undefined : keys.set(data)) },
    },
    saveCreds: async () => (cleared ? undefined : saveCreds()),
    get registered() {
      return !!state.creds.me?.id;
    },
    clear: () => {
      cleared = true;
      return rm(dir, { recursive: true, force: true });
    },
  };
}
