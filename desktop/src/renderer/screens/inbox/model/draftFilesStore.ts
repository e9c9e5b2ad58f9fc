/**
 * Files picked for a reply and not sent, kept in IndexedDB (one database per user, like the
 * outbox) so a draft's attachment survives a reload or a restart of the app. A chat's files are
 * stored as the File objects themselves (IndexedDB keeps their bytes, name, type and date).
 * Bounded like the text drafts: the newest MAX_CHATS chats, none older than MAX_AGE_MS, and a
 * chat whose files add up to more than MAX_BYTES stays in memory only.
 */

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

function open(name: string, idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = idb.open(name, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
}

function run<T>(db: IDBDatabase, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** The draft files of `userId` in IndexedDB; null where the browser has none. */
export function indexedDbDraftFiles(userId: string, idb: IDBFactory | undefined = globalThis.indexedDB): DraftFilesStore | null {
  if (!idb) return null;
  const db = open(`switchboard-draft-files-${userId}`, idb);
  return {
    all: async () => (await run(await db, 'readonly', (s) => s.getAll())) as StoredDraftFiles[],
    put: async (entry) => {
      await run(await db, 'readwrite', (s) => s.put(entry));
    },
    remove: async (key) => {
      await run(await db, 'readwrite', (s) => s.delete(key));
    },
  };
}
