import type { CacheStore } from '@whiskeysockets/baileys';

/** How often, at most, expired entries are swept out on a `set`. */
const SWEEP_EVERY_MS = 60_000;

/** A cache of Signal keys: Baileys' CacheStore, plus what tests look at. */
export interface TtlCache extends CacheStore {
  readonly size: number;
}

/**
 * A Map whose entries live `ttlMs` after their last `set`: what Baileys' Signal key cache
 * (`makeCacheableSignalKeyStore`) needs. Its default, @cacheable/node-cache, keeps statistics
 * that walk every value it stores to estimate its size (`roughSizeOfObject`): ~60 ms of an
 * actor's CPU around a pairing and a few sends (issue 13), for numbers nobody reads. Expired
 * entries are dropped when read, and swept out at most once a minute when something is set.
 */
export function ttlCache(ttlMs: number, now: () => number = Date.now): TtlCache {
  const entries = new Map<string, { value: unknown; expires: number }>();
  let sweptAt = now();
  return {
    get<T>(key: string): T | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value as T;
    },
    set<T>(key: string, value: T): void {
      const at = now();
      entries.set(key, { value, expires: at + ttlMs });
      if (at - sweptAt < SWEEP_EVERY_MS) return;
      sweptAt = at;
      for (const [k, entry] of entries) if (entry.expires <= at) entries.delete(k);
    },
    del(key: string): void {
      entries.delete(key);
    },
    flushAll(): void {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
