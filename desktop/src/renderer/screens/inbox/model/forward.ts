/**
 * What *Reenviar* may forward (what `POST …/messages/:messageId/forward` accepts), and the
 * picking of the chats it goes to.
 */
import { MEDIA_MESSAGE_KINDS, type InboxChatView, type InboxMessageView } from '@switchboard/shared';

/** Most chats one forward reaches (WhatsApp's limit, and the server's). */
export const FORWARD_MAX = 5;

/** A message the server forwards: not deleted, with content (a file only once it is stored). */
export function canForward(m: Pick<InboxMessageView, 'kind' | 'mediaId' | 'revokedAt'>): boolean {
  if (m.revokedAt !== undefined) return false;
  if (m.kind === 'text' || m.kind === 'location' || m.kind === 'contact') return true;
  return (MEDIA_MESSAGE_KINDS as readonly string[]).includes(m.kind) && !!m.mediaId;
}

/** The picked chats after ticking (`on`) or unticking one: in the order picked, never above the limit. */
export function pick(picked: readonly InboxChatView[], chat: InboxChatView, on: boolean): InboxChatView[] {
  const has = picked.some((c) => c.id === chat.id);
  if (!on) return picked.filter((c) => c.id !== chat.id);
  return has || picked.length >= FORWARD_MAX ? [...picked] : [...picked, chat];
}
