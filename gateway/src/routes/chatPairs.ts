import type { ChatDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';

/** A chat named by its session and jid (assignments, messages and notes say `chatId`). */
export interface ChatPair {
  sessionId: string;
  chatId: string;
}

/** One string per chat, for maps and sets keyed by (session, jid). */
export const pairKey = (sessionId: string, jid: string): string => `${sessionId}\u0000${jid}`;

/**
 * The chats of `pairs` as filter clauses, one `{ sessionId, jid: { $in } }` per session (each
 * jid once): `$or` them to read those chats, `$nor` them to leave them out. Empty for no pairs.
 */
export function chatPairsFilter(pairs: Iterable<ChatPair>): QueryFilter<ChatDoc>[] {
  const bySession = new Map<string, Set<string>>();
  for (const p of pairs) bySession.set(p.sessionId, (bySession.get(p.sessionId) ?? new Set()).add(p.chatId));
  return [...bySession].map(([sessionId, jids]) => ({ sessionId, jid: { $in: [...jids] } }));
}
