import { initAuthCreds, type AuthenticationCreds, type SignalDataSet, type SignalDataTypeMap, type SignalKeyStore } from '@whiskeysockets/baileys';
import { AuthKey, AuthState, authKeyId, retryTransient, type TransientRetryPolicy } from '@switchboard/shared/node';
import { decodeAuth, decodeKey, encodeAuth } from './codec.ts';
import { createSerialQueue } from './serialQueue.ts';
import type { AuthHandle } from './types.ts';

const DUPLICATE_KEY = 11000;

/**
 * Retries of a credentials write that failed transiently: 0.25 s doubling to 5 s, 8 tries
 * (about 20 s of waits). Baileys retries key writes itself (its transaction commit).
 */
export const CREDS_RETRY: TransientRetryPolicy = { baseMs: 250, capMs: 5_000, maxAttempts: 8 };

/** Above this many keys a write is a batch insert first (a fresh pairing's pre-keys). */
const BATCH_INSERT_FROM = 16;

/**
 * Writes keys, each atomically and found by its `_id`. A few keys (the usual Signal session
 * update) are replaced in place with upserts: one request each. Many keys (first login uploads
 * hundreds of pre-keys) are inserted in one batch; the ones that already exist (duplicate key
 * on insert) are then replaced one by one.
 */
async function writeKeys(sessionId: string, writes: { type: string; id: string; data: string }[]): Promise<void> {
  if (writes.length === 0) return;
  const docs = writes.map((w) => ({ _id: authKeyId(sessionId, w.type, w.id), sessionId, ...w, updatedAt: new Date() }));
  let existing: typeof docs = docs;
  if (docs.length >= BATCH_INSERT_FROM) {
    existing = [];
    try {
      await AuthKey.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      const writeErrors = (err as { writeErrors?: { code?: number; index: number; err?: { code?: number; index?: number } }[] }).writeErrors;
      if (!writeErrors) throw err;
      const failed = writeErrors.map((e) => ({ code: e.code ?? e.err?.code, index: e.index ?? e.err?.index ?? -1 }));
      if (failed.some((e) => e.code !== DUPLICATE_KEY)) throw err;
      existing = failed.map((e) => docs[e.index]).filter((d): d is (typeof docs)[number] => !!d);
    }
  }
  if (existing.length === 0) return;
  await AuthKey.bulkWrite(existing.map(({ _id, ...doc }) => ({ replaceOne: { filter: { _id }, replacement: doc, upsert: true } })));
}

/** Misses remembered at most (a bigger set is forgotten whole: the next reads just ask again). */
const MAX_ABSENT = 10_000;

/**
 * The Signal key store of one session: one AuthKey document per key. Baileys'
 * `makeCacheableSignalKeyStore` in front caches the keys it finds, not the ones it does not, and
 * every send asks for some that do not exist (issue 13: three reads per outgoing message). This
 * store remembers those misses until it writes or deletes that key itself; it is the only
 * writer of its session's keys (one actor per session). A miss is remembered only when no
 * write was queued or running at any time during its read, so a key being written is never
 * reported absent.
 */
export function mongoKeyStore(sessionId: string, enqueue = createSerialQueue(), isCleared: () => boolean = () => false): SignalKeyStore {
  const absent = new Set<string>();
  let writesStarted = 0;
  let writesRunning = 0;
  const slot = (type: string, id: string): string => `${type}\u0000${id}`;
  return {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const out: { [id: string]: SignalDataTypeMap[T] } = {};
      const wanted = ids.filter((id) => !absent.has(slot(type, id)));
      if (wanted.length === 0) return out;
      const writesBefore = writesStarted;
      const quiet = writesRunning === 0;
      // A read failure throws: returning "no key" would make Baileys regenerate and overwrite.
      // One primary-key lookup per id: the embedded FerretDB answers `{ _id }` from its
      // primary key but would scan the collection for `$in`.
      const docs = await Promise.all(wanted.map((id) => AuthKey.findOne({ _id: authKeyId(sessionId, type, id) }, { id: 1, data: 1 }).lean()));
      for (const doc of docs) if (doc) out[doc.id] = decodeKey(type, doc.data);
      if (quiet && writesRunning === 0 && writesStarted === writesBefore) {
        if (absent.size > MAX_ABSENT) absent.clear();
        for (const id of wanted) if (!(id in out)) absent.add(slot(type, id));
      }
      return out;
    },
    async set(data: SignalDataSet) {
      const writes: { type: string; id: string; data: string }[] = [];
      const deletes: { type: string; id: string }[] = [];
      for (const [type, entries] of Object.entries(data)) {
        for (const [id, value] of Object.entries(entries ?? {})) {
          if (value === null || value === undefined) deletes.push({ type, id });
          else writes.push({ type, id, data: encodeAuth(value) });
        }
      }
      if ((writes.length === 0 && deletes.length === 0) || isCleared()) return;
      writesStarted += 1;
      writesRunning += 1;
      for (const w of writes) absent.delete(slot(w.type, w.id));
      try {
        await enqueue(async () => {
          await writeKeys(sessionId, writes);
          if (deletes.length) {
            await AuthKey.bulkWrite(deletes.map(({ type, id }) => ({ deleteOne: { filter: { _id: authKeyId(sessionId, type, id) } } })));
          }
        });
      } finally {
        writesRunning -= 1;
      }
    },
    async clear() {
      writesStarted += 1;
      writesRunning += 1;
      absent.clear();
      try {
        await enqueue(() => AuthKey.deleteMany({ sessionId }));
      } finally {
        writesRunning -= 1;
      }
    },
  };
}

/**
 * Opens the Mongo auth state of a session (AUTH_STORAGE=mongo): creds in one AuthState
 * document, keys in AuthKey documents, both BufferJSON-encoded. Fresh creds are generated only
 * when no document exists; a failing read throws instead (never reset on a transient error).
 * A creds write that fails transiently is retried (`retry`); `saveCreds` rejects only once the
 * write is given up, and the caller must then stop rather than run ahead of the database.
 */
export async function openMongoAuthState(sessionId: string, retry: Partial<TransientRetryPolicy> = {}): Promise<AuthHandle> {
  const policy = { ...CREDS_RETRY, ...retry };
  const enqueue = createSerialQueue();
  const doc = await AuthState.findOne({ sessionId }, { data: 1 }).lean();
  const creds: AuthenticationCreds = doc ? decodeAuth<AuthenticationCreds>(doc.data) : initAuthCreds();
  // After a logout wipe, late writes (Baileys may still emit creds.update while closing) are
  // dropped so they cannot resurrect a half-deleted auth state.
  let cleared = false;
  const keys = mongoKeyStore(sessionId, enqueue, () => cleared);
  return {
    state: { creds, keys },
    get registered() {
      return !!creds.me?.id;
    },
    saveCreds: () =>
      enqueue(async () => {
        if (cleared) return;
        // The whole document is written each time (idempotent): a try that did land is harmless.
        await retryTransient(() => AuthState.updateOne({ sessionId }, { $set: { data: encodeAuth(creds) } }, { upsert: true }), policy);
      }),
    clear: async () => {
      cleared = true;
      await enqueue(() => AuthState.deleteOne({ sessionId }));
      await keys.clear!();
    },
  };
}
