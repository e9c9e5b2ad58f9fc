/**
 * Files picked for a reply and not sent, kept in IndexedDB (one database per user, like the
 * outbox) so a draft's attachment survives a reload or a restart of the app. A chat's files are
 * stored as the File objects themselves (IndexedDB keeps their bytes, name, type and date).
 * Bounded like the text drafts: the newest MAX_CHATS chats, none older than MAX_AGE_MS, and a
 * chat whose files add up to more than MAX_BYTES stays in memory only.
 */
import { inTransaction, openStore } from '../../../storage/indexedDb.ts';

const STORE = 'files';

/** One chat's picked files as stored. */
export interface StoredDraftFiles {
  key: string;
  files: File[];
  /** When they were last changed (ms). */
  at: number;
}

/** Where a user's draft files live. */
export interface DraftFilesStore {
  all(): Promise<StoredDraftFiles[]>;
  put(entry: StoredDraftFiles): Promise<void>;
  remove(key: string): Promise<void>;
}

/** Chats whose files are kept. */
export const MAX_CHATS = 50;
/** Files older than this are forgotten (as text drafts are). */
export const MAX_AGE_MS = 30 * 24 * 3600_000;
/** A chat's files above this many bytes in total are not copied into storage. */
export const MAX_BYTES = 25 * 1024 * 1024;

/** Whether a chat's files may be stored (within the size bound). */
export function storable(files: readonly File[]): boolean {
  return files.reduce((n, f) => n + f.size, 0) <= MAX_BYTES;
}

/** The stored entries to keep (newest MAX_CHATS, none older than MAX_AGE_MS) and the keys to drop. */
export function prune(entries: readonly StoredDraftFiles[], now: number): { keep: StoredDraftFiles[]; drop: string[] } {
  const fresh = entries.filter((e) => now - e.at <= MAX_AGE_MS).sort((a, b) => b.at - a.at);
  const keep = fresh.slice(0, MAX_CHATS);
  const kept = new Set(keep.map((e) => e.key));
  return { keep, drop: entries.filter((e) => !kept.has(e.key)).map((e) => e.key) };
}

/** The draft files of `userId` in IndexedDB; null where the browser has none. */
export function indexedDbDraftFiles(userId: string, idb: IDBFactory | undefined = globalThis.indexedDB): DraftFilesStore | null {
  if (!idb) return null;
  const db = openStore(`switchboard-draft-files-${userId}`, STORE, 'key', idb);
  return {
    all: async () => (await inTransaction(await db, STORE, 'readonly', (s) => s.getAll())) as StoredDraftFiles[],
    put: async (entry) => {
      await inTransaction(await db, STORE, 'readwrite', (s) => s.put(entry));
    },
    remove: async (key) => {
      await inTransaction(await db, STORE, 'readwrite', (s) => s.delete(key));
    },
  };
}
