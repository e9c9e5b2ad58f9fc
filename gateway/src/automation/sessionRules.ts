/**
 * A session's automation settings (the automatic distribution, the automatic messages), read
 * from the database at most once per `ttlMs` per session: the watchers look at them for every
 * customer message. A change made on this node calls `forget`; other nodes see it within `ttlMs`.
 */
export interface SessionRules<T> {
  get(sessionId: string): Promise<T>;
  forget(sessionId: string): void;
}

/** The cache over `load`. */
export function sessionRules<T>(load: (sessionId: string) => Promise<T>, ttlMs: number, now: () => number): SessionRules<T> {
  const cache = new Map<string, { rule: T; at: number }>();
  return {
    async get(sessionId) {
      const cached = cache.get(sessionId);
      if (cached && now() - cached.at < ttlMs) return cached.rule;
      const rule = await load(sessionId);
      cache.set(sessionId, { rule, at: now() });
      return rule;
    },
    forget: (sessionId) => void cache.delete(sessionId),
  };
}
