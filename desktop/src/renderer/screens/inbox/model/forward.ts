/** What *Reenviar* may forward (shared's forwardProblem), and the picking of the chats it goes to. */
import { forwardProblem, MAX_FORWARD_TARGETS, type InboxChatView, type InboxMessageView } from '@switchboard/shared';

/** A message the server forwards: not deleted, with content (a file only once it is stored). */
export function canForward(m: Pick<InboxMessageView, 'kind' | 'mediaId' | 'revokedAt'>): boolean {
  return forwardProblem(m) === null;
}

/** The picked chats after ticking (`on`) or unticking one: in the order picked, never above the limit. */
export function pick(picked: readonly InboxChatView[], chat: InboxChatView, on: boolean): InboxChatView[] {
  const has = picked.some((c) => c.id === chat.id);
  if (!on) return picked.filter((c) => c.id !== chat.id);
  return has || picked.length >= MAX_FORWARD_TARGETS ? [...picked] : [...picked, chat];
}
