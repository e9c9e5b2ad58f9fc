import { initAuthCreds, type AuthenticationCreds, type SignalDataSet, type SignalDataTypeMap, type SignalKeyStore } from '@whiskeysockets/baileys';
import type { mongo } from 'mongoose';
import { AuthKey, AuthState, authKeyId, driverCollection, findByIds, retryTransient, writeErrorsOf, type AuthKeyDoc, type TransientRetryPolicy } from '@switchboard/shared/node';
import { decodeAuth, decodeKey, encodeAuth } from './codec.ts';
import { fenced, FencedError, fenceFilter, type Fencing } from './fence.ts';
import { INBOX_KEY_TYPE, pendingRiders } from './keyRiders.ts';
import { createSerialQueue } from './serialQueue.ts';
import type { AuthHandle } from './types.ts';

const DUPLICATE_KEY = 11000;

/**
 * Retries of a credentials write that failed transiently: 0.25 s doubling to 5 s, 8 tries
 * (about 20 s of waits). Baileys retries key writes itself (its transaction commit).
 */
export const CREDS_RETRY: TransientRetryPolicy = { baseMs: 250, capMs: 5_000, maxAttempts: 8 };

/**
 * The session's key fence (cluster mode): one AuthKey document whose `fence` the owner raises
 * when it opens the session. Every fenced key write or delete goes with an update of it in the
 * same ordered request, so an older owner is refused even for a key the newer owner has not
 * written yet (nothing else would collide); in one request, no read added.
 */
const KEY_FENCE = { type: 'fence', id: 'owner' } as const;

/** The write that passes only for a writer whose token is not older than the key fence. */
function keyFenceOp(sessionId: string, token: number): KeyWrite {
  return {
    updateOne: {
      filter: { _id: authKeyId(sessionId, KEY_FENCE.type, KEY_FENCE.id), ...fenceFilter(token) },
      update: { $set: { sessionId, ...KEY_FENCE, data: '-', fence: token, updatedAt: new Date() } },
      upsert: true,
    },
  };
}

type KeyWrite = mongo.AnyBulkWriteOperation<AuthKeyDoc>;

/**
 * Key writes go to the driver's collection, not through mongoose's `Model.bulkWrite` (issue 13):
 * mongoose built and validated a document for every key replaced, a tenth of a busy actor's CPU
 * (profile of the outbound load), for documents written here whole (every field, `updatedAt`
 * included). Ordered, like `Model.bulkWrite`; still queued by mongoose while disconnected.
 */
function writeKeyOps(ops: KeyWrite[]): Promise<unknown> {
  return driverCollection<AuthKeyDoc>(AuthKey).bulkWrite(ops, { ordered: true });
}

/** Raises the session's key fence to `fencing.token` (refused, FencedError, when a newer owner raised it). */
export function claimKeyFence(sessionId: string, fencing: Fencing): Promise<unknown> {
  return fenced(fencing, 'signal key fence', () => writeKeyOps([keyFenceOp(sessionId, fencing.token)]));
}

/** Above this many keys a write is a batch insert first (a fresh pairing's pre-keys). */
const BATCH_INSERT_FROM = 16;

/**
 * Writes keys, each atomically and found by its `_id`. A few keys (the usual Signal session
 * update) are replaced in place with upserts: one request each. Many keys (first login uploads
 * hundreds of pre-keys) are inserted in one batch; the ones that already exist (duplicate key
 * on insert) are then replaced one by one.
 */
async function writeKeys(sessionId: string, writes: { type: string; id: string; data: string }[], fencing?: Fencing): Promise<void> {
  if (writes.length === 0) return;
  const fence = fencing ? { fence: fencing.token } : {};
  const docs = writes.map(({ type, id, data }) => ({ _id: authKeyId(sessionId, type, id), sessionId, type, id, data, ...fence, updatedAt: new Date() }));
  let existing: typeof docs = docs;
  if (docs.length >= BATCH_INSERT_FROM) {
    existing = [];
    // An insert cannot be made conditional: the fence is checked by a request of its own first.
    if (fencing) await claimKeyFence(sessionId, fencing);
    try {
      await AuthKey.insertMany(docs, { ordered: false, lean: true });
    } catch (err) {
      const failed = writeErrorsOf(err);
      if (failed.length === 0) throw err;
      if (failed.some((e) => e.code !== DUPLICATE_KEY)) throw err;
      existing = failed.map((e) => docs[e.index]).filter((d): d is (typeof docs)[number] => !!d);
    }
  }
  if (existing.length === 0) return;
  if (!fencing) {
    await writeKeyOps(existing.map(({ _id, ...doc }) => ({ replaceOne: { filter: { _id }, replacement: doc, upsert: true } })));
    return;
  }
  // Fenced: the key fence first (ordered: a refusal stops the rest), then each key; a key a
  // newer owner wrote does not match either, and the upsert's insert collides on `_id`.
  const filter = fenceFilter(fencing.token);
  await fenced(fencing, 'signal key write', () =>
    writeKeyOps([keyFenceOp(sessionId, fencing.token), ...existing.map(({ _id, ...doc }) => ({ replaceOne: { filter: { _id, ...filter }, replacement: doc, upsert: true } }))]),
  );
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
export function mongoKeyStore(
  sessionId: string,
  enqueue = createSerialQueue(),
  isCleared: () => boolean = () => false,
  fencing?: Fencing,
): SignalKeyStore {
  // Fenced deletes go after the key fence, and skip keys a newer owner wrote.
  const deleteFilter = fencing ? fenceFilter(fencing.token) : {};
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
      // One `_id: { $in }` request for the lot (findByIds), a lookup by `_id` for one key.
      const docs = await findByIds<AuthKeyDoc, Pick<AuthKeyDoc, 'id' | 'data'>>(AuthKey, wanted.map((id) => authKeyId(sessionId, type, id)), { id: 1, data: 1 });
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
      // Documents that go with this commit, before its keys in the same ordered request (keyRiders.ts).
      const riders = pendingRiders();
      if ((writes.length === 0 && deletes.length === 0 && riders.length === 0) || isCleared()) return;
      writesStarted += 1;
      writesRunning += 1;
      for (const w of writes) absent.delete(slot(w.type, w.id));
      try {
        await enqueue(async () => {
          // A batch of many keys is inserted unordered: riders then go first, on their own.
          if (riders.length > 0 && riders.length + writes.length >= BATCH_INSERT_FROM) {
            await writeKeys(sessionId, riders, fencing);
            await writeKeys(sessionId, writes, fencing);
          } else await writeKeys(sessionId, [...riders, ...writes], fencing);
          for (const r of riders) r.written = true;
          if (deletes.length) {
            const ops = deletes.map(({ type, id }) => ({ deleteOne: { filter: { _id: authKeyId(sessionId, type, id), ...deleteFilter } } }));
            if (!fencing) await writeKeyOps(ops);
            else await fenced(fencing, 'signal key delete', () => writeKeyOps([keyFenceOp(sessionId, fencing.token), ...ops]));
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
        // Messages decrypted and not yet stored stay (the durable inbox rides in this collection).
        await enqueue(() => AuthKey.deleteMany({ sessionId, type: { $ne: INBOX_KEY_TYPE } }));
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
 *
 * With `fencing` (cluster mode), the creds document and the key fence are the session's fences:
 * opening raises both to this actor's token (refused, FencedError, when a newer owner raised
 * them further), and every creds and key write is conditional on them (fence.ts).
 */
export async function openMongoAuthState(sessionId: string, retry: Partial<TransientRetryPolicy> = {}, fencing?: Fencing): Promise<AuthHandle> {
  const policy = { ...CREDS_RETRY, ...retry };
  const enqueue = createSerialQueue();
  const doc = await AuthState.findOne({ sessionId }, fencing ? { data: 1, fence: 1 } : { data: 1 }).lean();
  if (fencing && doc) await claimFence(sessionId, doc.fence, fencing);
  if (fencing) await claimKeyFence(sessionId, fencing);
  const creds: AuthenticationCreds = doc ? decodeAuth<AuthenticationCreds>(doc.data) : initAuthCreds();
  // After a logout wipe, late writes (Baileys may still emit creds.update while closing) are
  // dropped so they cannot resurrect a half-deleted auth state.
  let cleared = false;
  const keys = mongoKeyStore(sessionId, enqueue, () => cleared, fencing);
  const credsFilter = fencing ? { sessionId, ...fenceFilter(fencing.token) } : { sessionId };
  const credsSet = (data: string) => (fencing ? { data, fence: fencing.token } : { data });
  return {
    state: { creds, keys },
    get registered() {
      return !!creds.me?.id;
    },
    saveCreds: () =>
      enqueue(async () => {
        if (cleared) return;
        // The whole document is written each time (idempotent): a try that did land is harmless.
        const write = () => retryTransient(() => AuthState.updateOne(credsFilter, { $set: credsSet(encodeAuth(creds)) }, { upsert: true }), policy);
        // Fenced: a newer owner's fence makes the filter miss and the upsert's insert collide on sessionId.
        await (fencing ? fenced(fencing, 'credentials write', write) : write());
      }),
    clear: async () => {
      cleared = true;
      await enqueue(() => AuthState.deleteOne({ sessionId }));
      await keys.clear!();
    },
  };
}

/**
 * Raises the creds document's fence to this actor's token before anything else is written, so
 * that an older owner still running is refused from its next creds write on.
 */
async function claimFence(sessionId: string, stored: number | undefined, fencing: Fencing): Promise<void> {
  const claimed =
    (stored ?? 0) <= fencing.token &&
    (await AuthState.updateOne({ sessionId, ...fenceFilter(fencing.token) }, { $set: { fence: fencing.token } })).matchedCount === 1;
  if (claimed) return;
  const reason = `auth state fenced by a newer owner (token ${fencing.token})`;
  fencing.onFenced(reason);
  throw new FencedError(reason);
}
