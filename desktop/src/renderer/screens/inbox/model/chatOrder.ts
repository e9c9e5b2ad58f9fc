/**
 * The order of the chat list: the user's pinned chats on top, then the latest activity first, or
 * the longest wait first (as `GET /api/chats?sort=waiting` pages them).
 */
import type { InboxChatView } from '@switchboard/shared';

const byRecent = (a: InboxChatView, b: InboxChatView): number => (b.lastMessageAt ?? 0) - (a.lastMessageAt ?? 0) || a.id.localeCompare(b.id);

/** When a waiting chat's wait began (as the server orders them), Infinity for one that waits for nothing. */
const waitStart = (c: InboxChatView): number => (c.needsReply ? (c.waitingSince ?? c.lastInboundAt ?? 0) : Infinity);

const byWait = (a: InboxChatView, b: InboxChatView): number => {
  const wa = waitStart(a);
  const wb = waitStart(b);
  if (wa === Infinity && wb === Infinity) return byRecent(a, b);
  return wa === wb ? a.id.localeCompare(b.id) : wa < wb ? -1 : 1;
};

/**
 * Chats sorted for the list: the user's pinned ones on top (the latest pinned first), then the
 * most recent activity first, or (`waiting`) the longest wait first, chats answered meanwhile
 * after every waiting one (most recent first).
 */
export function sortedChats(state: { chats: ReadonlyMap<string, InboxChatView> }, order: 'recent' | 'waiting' = 'recent'): InboxChatView[] {
  const rest = order === 'recent' ? byRecent : byWait;
  return [...state.chats.values()].sort((a, b) => (b.pinnedAt ?? 0) - (a.pinnedAt ?? 0) || rest(a, b));
}
