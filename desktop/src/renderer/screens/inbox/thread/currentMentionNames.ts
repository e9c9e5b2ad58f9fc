/**
 * Mentions and the people of a group's changes are named when they arrive; the team may rename a
 * contact later (or WhatsApp's name may change, or their chat may only just be stored). The
 * thread shows each person by the name their chat has now, when the inbox knows that chat, and
 * by the stored name otherwise.
 */
import type { GroupEvent, InboxMessageView } from '@switchboard/shared';

type NameOf = (sessionId: string, jid: string) => string | null;

/** Renames each person by `nameOf` (never the account); the same list when nothing changed. */
function renamed<P extends { jid: string; name: string | null; isAccount?: true }>(people: P[], sessionId: string, nameOf: NameOf): P[] {
  let changed = false;
  const out = people.map((p) => {
    const now = p.isAccount ? null : nameOf(sessionId, p.jid);
    if (!now || now === p.name) return p;
    changed = true;
    return { ...p, name: now };
  });
  return changed ? out : people;
}

/** The message with its mentions renamed by `nameOf` (the same object when nothing changed). */
export function withCurrentMentionNames(m: InboxMessageView, nameOf: NameOf): InboxMessageView {
  if (!m.mentions?.length) return m;
  const mentions = renamed(m.mentions, m.sessionId, nameOf);
  return mentions === m.mentions ? m : { ...m, mentions };
}

/** A group change with its people named by `nameOf` (the same object when nothing changed). */
export function withCurrentEventNames(e: GroupEvent, sessionId: string, nameOf: NameOf): GroupEvent {
  const by = e.by && renamed([e.by], sessionId, nameOf)[0]!;
  const who = renamed(e.who, sessionId, nameOf);
  return by === e.by && who === e.who ? e : { ...e, by, who };
}
