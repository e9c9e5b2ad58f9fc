/**
 * Fencing of the auth state's writes (cluster mode; docs/cluster.md, "Cluster mode: leases and
 * fencing"). Every fenced document carries the `fence` (lease token) of its last writer; a write
 * matches only documents whose fence is not newer than the writer's token, and sets it. An
 * upsert whose filter misses because a newer owner wrote the document collides on its `_id`
 * (or the unique sessionId of creds) when it inserts: a duplicate-key error, which the server
 * reports for inserts on MongoDB and FerretDB alike. No read is added to any write.
 */

const DUPLICATE_KEY = 11000;

/** The fencing of one actor: its token, and what to do once a newer owner is seen. */
export interface Fencing {
  token: number;
  /** Called once a write was refused for a stale token (the actor exits FENCED). */
  onFenced(reason: string): void;
}

/** A write refused because another node holds the session with a newer fencing token. */
export class FencedError extends Error {
  override name = 'FencedError';
  readonly code = 'fenced';
  constructor(message: string) {
    super(message);
  }
}

export { fenceFilter } from '@switchboard/shared/node';

/** True when a write (or a bulk write) failed on a duplicate key. */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: unknown; writeErrors?: { code?: unknown; err?: { code?: unknown } }[] } | null;
  if (e?.code === DUPLICATE_KEY) return true;
  return !!e?.writeErrors?.some((w) => (w.code ?? w.err?.code) === DUPLICATE_KEY);
}

/** Runs a fenced write; a duplicate-key refusal reports the fencing and throws FencedError. */
export async function fenced<T>(fencing: Fencing, what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const reason = `${what} refused: stale fencing token ${fencing.token}`;
    fencing.onFenced(reason);
    throw new FencedError(reason);
  }
}
