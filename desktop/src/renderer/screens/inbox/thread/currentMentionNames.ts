/**
 * Mentions and the people of a group's changes are named when they arrive; the team may rename a
 * contact later (or WhatsApp's name may change, or their chat may only just be stored). The
 * thread shows each person by the name their chat has now, when the inbox knows that chat, and
 * by the stored name otherwise.
 */
import type { GroupEvent, GroupEventParty, InboxMessageView } from '@switchboard/shared';

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

/** A group change with its people named by `nameOf` (the same object when nothing changed). */
export function withCurrentEventNames(e: GroupEvent, sessionId: string, nameOf: (sessionId: string, jid: string) => string | null): GroupEvent {
  let changed = false;
  const rename = (p: GroupEventParty): GroupEventParty => {
    const now = p.isAccount ? null : nameOf(sessionId, p.jid);
    if (!now || now === p.name) return p;
    changed = true;
    return { ...p, name: now };
  };
  const by = e.by && rename(e.by);
  const who = e.who.map(rename);
  return changed ? { ...e, by, who } : e;
}
