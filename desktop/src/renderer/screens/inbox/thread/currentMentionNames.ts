/**
 * Mentions are named when a message arrives; the team may rename a contact later (or WhatsApp's
 * name may change). A message shows each person it mentions by the name their chat has now, when
 * the inbox knows that chat, and by the stored name otherwise.
 */
import type { InboxMessageView } from '@switchboard/shared';

/** The message with its mentions renamed by `nameOf` (the same object when nothing changed). */
export function withCurrentMentionNames(m: InboxMessageView, nameOf: (sessionId: string, jid: string) => string | null): InboxMessageView {
  if (!m.mentions?.length) return m;
  let changed = false;
  const mentions = m.mentions.map((x) => {
    const now = x.isAccount ? null : nameOf(m.sessionId, x.jid);
    if (!now || now === x.name) return x;
    changed = true;
    return { ...x, name: now };
  });
  return changed ? { ...m, mentions } : m;
}
