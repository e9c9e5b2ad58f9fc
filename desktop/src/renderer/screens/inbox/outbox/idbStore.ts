/**
 * The outbox in IndexedDB (one database per user), so replies typed offline survive a reload,
 * a crash or a restart of the app. Files are stored as Blobs.
 */
import type { OutboxItem, OutboxStore } from './types.ts';

const STORE = 'items';

/** Opens (creating when needed) the outbox database of a user. */
function open(name: string, idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = idb.open(name, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'clientId' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
}

/** Runs one request in its own transaction. */
function run<T>(db: IDBDatabase, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** The outbox store of `userId`. */
export function indexedDbOutbox(userId: string, idb: IDBFactory = indexedDB): OutboxStore {
  const db = open(`switchboard-outbox-${userId}`, idb);
  return {
    all: async () => (await run(await db, 'readonly', (s) => s.getAll())) as OutboxItem[],
    put: async (item) => {
      await run(await db, 'readwrite', (s) => s.put(item));
    },
    remove: async (clientId) => {
      await run(await db, 'readwrite', (s) => s.delete(clientId));
    },
  };
}

/** An outbox kept in memory (tests; browsers without IndexedDB). */
export function memoryOutbox(): OutboxStore {
  const items = new Map<string, OutboxItem>();
  return {
    all: async () => [...items.values()].map((i) => ({ ...i })),
    put: async (item) => {
      items.set(item.clientId, { ...item });
    },
    remove: async (clientId) => {
      items.delete(clientId);
    },
  };
}
