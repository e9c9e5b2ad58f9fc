/**
 * Replies typed but not sent, per chat: moving to another chat (J/K, Alt+J, a notification, the
 * command palette) or reloading the page keeps what was typed, and the chat list shows it
 * ("Borrador: …"). Kept in this device's localStorage per user, like the notification
 * preferences; a sent reply clears its draft. Old drafts are dropped after 30 days and at most
 * the 200 newest are kept, so the store stays small.
 */

/** One chat's draft. */
export interface Draft {
  text: string;
  /** ms when it was last changed. */
  at: number;
}

/** Drafts by chat key. */
export type Drafts = ReadonlyMap<string, Draft>;

export const DRAFT_MAX_AGE_MS = 30 * 24 * 3600_000;
export const DRAFT_MAX_COUNT = 200;

/** The drafts after `key`'s text changed to `text` (blank removes it). */
export function withDraft(drafts: Drafts, key: string, text: string, now: number): Drafts {
  const current = drafts.get(key);
  if (!text.trim()) {
    if (!current) return drafts;
    const next = new Map(drafts);
    next.delete(key);
    return next;
  }
  if (current?.text === text) return drafts;
  return new Map(drafts).set(key, { text, at: now });
}

/** The drafts worth keeping: younger than the maximum age, the newest first up to the maximum count. */
export function pruneDrafts(drafts: Drafts, now: number): Drafts {
  const kept = [...drafts].filter(([, d]) => now - d.at < DRAFT_MAX_AGE_MS).sort((a, b) => b[1].at - a[1].at).slice(0, DRAFT_MAX_COUNT);
  return kept.length === drafts.size ? drafts : new Map(kept);
}

const storageKey = (userId: string) => `switchboard.drafts.${userId}`;

/** Loads `userId`'s drafts on this device (none when storage is unavailable or damaged). */
export function loadDrafts(userId: string, now: number): Drafts {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey(userId));
    if (!raw) return new Map();
    const entries = Object.entries(JSON.parse(raw) as Record<string, unknown>).filter(
      (e): e is [string, Draft] => typeof (e[1] as Draft)?.text === 'string' && typeof (e[1] as Draft)?.at === 'number',
    );
    return pruneDrafts(new Map(entries), now);
  } catch {
    return new Map();
  }
}

/** Saves `userId`'s drafts on this device. */
export function saveDrafts(userId: string, drafts: Drafts): void {
  try {
    if (drafts.size === 0) globalThis.localStorage?.removeItem(storageKey(userId));
    else globalThis.localStorage?.setItem(storageKey(userId), JSON.stringify(Object.fromEntries(drafts)));
  } catch {
    /* storage full or unavailable: drafts last for this page */
  }
}
