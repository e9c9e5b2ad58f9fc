import type { GroupInfoView, MessageMention } from '@switchboard/shared';
import { displayPhone } from '../model/keys.ts';
import type { Mentionable } from '../notes/MentionButton.tsx';

/** The members a reply to a group may mention: everyone but the account, by name, else by number. */
export function mentionableMembers(g: GroupInfoView): Mentionable[] {
  return g.members.filter((m) => !m.isAccount).map((m) => ({ id: m.member, name: m.name ?? displayPhone(m.phone) ?? m.member }));
}

/**
 * A reply's mentions written as WhatsApp writes them: each picked member's `@Nombre` still in
 * the text becomes `@` and the digits of their id (the phones show the name they know), and is
 * listed with the reply. Longer names go first, so "@Ana María" is never read as "@Ana".
 */
export function writeMentions(text: string, picked: ReadonlyMap<string, string>): { text: string; mentions: MessageMention[] } {
  let out = text;
  const mentions: MessageMention[] = [];
  for (const [jid, name] of [...picked].sort(([, a], [, b]) => b.length - a.length)) {
    const user = jid.split('@')[0]!;
    if (!user || !out.includes(`@${name}`)) continue;
    out = out.split(`@${name}`).join(`@${user}`);
    mentions.push({ user, jid, name });
  }
  return { text: out, mentions };
}
