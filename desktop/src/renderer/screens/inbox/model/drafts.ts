/**
 * Replies typed but not sent, per chat: moving to another chat (J/K, Alt+J, a notification, the
 * command palette) or reloading the page keeps what was typed, and the chat list shows it
 * ("Borrador: …"), with the message the reply quotes when one was picked. Kept in this device's
 * localStorage per user, like the notification preferences; a sent reply clears its draft. Old
 * drafts are dropped after 30 days and at most the 200 newest are kept, so the store stays small.
 */
import type { InboxMessageView } from '@switchboard/shared';

/**
 * What a reply shows of the message it quotes (and what a draft keeps of it). `from`: a message of
 * another chat — a group member's, answered privately in their own chat (*Responder en privado*).
 */
export type QuotedMessage = Pick<InboxMessageView, 'id' | 'kind' | 'fromMe' | 'text' | 'caption' | 'mentions' | 'invite'> & { media?: { fileName: string | null }; from?: { chatId: string; name: string | null } };

/** One chat's draft. */
export interface Draft {
  text: string;
  /** The message the reply quotes. */
  quote?: QuotedMessage;
  /** ms when it was last changed. */
  at: number;
}

/** A change to a chat's draft: its text, its quote (null: no quote any more), or both. */
export interface DraftChange {
  text?: string;
  quote?: QuotedMessage | null;
}

/** Drafts by chat key. */
export type Drafts = ReadonlyMap<string, Draft>;

export const DRAFT_MAX_AGE_MS = 30 * 24 * 3600_000;
export const DRAFT_MAX_COUNT = 200;

/** Only the fields a quote shows (a whole message view may carry much more). */
export function toQuoted(m: QuotedMessage): QuotedMessage {
  const q: QuotedMessage = { id: m.id, kind: m.kind, fromMe: m.fromMe };
  if (m.text) q.text = m.text;
  if (m.caption) q.caption = m.caption;
  if (m.media?.fileName) q.media = { fileName: m.media.fileName };
  if (m.mentions?.length) q.mentions = m.mentions;
  if (m.from) q.from = { chatId: m.from.chatId, name: m.from.name };
  return q;
}

/** The drafts after `key`'s draft changed (blank text and no quote removes it). */
export function withDraft(drafts: Drafts, key: string, change: DraftChange, now: number): Drafts {
  const current = drafts.get(key);
  const text = change.text ?? current?.text ?? '';
  const quote = change.quote === undefined ? current?.quote : (change.quote ?? undefined);
  if (!text.trim() && !quote) {
    if (!current) return drafts;
    const next = new Map(drafts);
    next.delete(key);
    return next;
  }
  if (current && current.text === text && current.quote?.id === quote?.id) return drafts;
  return new Map(drafts).set(key, { text, ...(quote ? { quote: toQuoted(quote) } : {}), at: now });
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
    for (const [, d] of entries) if (d.quote !== undefined && typeof d.quote?.id !== 'string') delete d.quote;
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
