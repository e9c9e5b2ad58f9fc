/**
 * The outbox in IndexedDB (one database per user), so replies typed offline survive a reload,
 * a crash or a restart of the app. Files are stored as Blobs.
 */
import { inTransaction, openStore } from '../../../storage/indexedDb.ts';
import type { OutboxItem, OutboxStore } from './types.ts';

const STORE = 'items';

/** The outbox store of `userId`. */
export function indexedDbOutbox(userId: string, idb: IDBFactory = indexedDB): OutboxStore {
  const db = openStore(`switchboard-outbox-${userId}`, STORE, 'clientId', idb);
  return {
    all: async () => (await inTransaction(await db, STORE, 'readonly', (s) => s.getAll())) as OutboxItem[],
    put: async (item) => {
      await inTransaction(await db, STORE, 'readwrite', (s) => s.put(item));
    },
    remove: async (clientId) => {
      await inTransaction(await db, STORE, 'readwrite', (s) => s.delete(clientId));
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
