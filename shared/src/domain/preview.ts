import { textWithMentionNames } from './mentions.ts';
import { pollParts } from './polls.ts';
import { parseVCards } from './vcard.ts';
import type { MessageMention } from './messages.ts';

/**
 * The words a chat-list preview shows for a message, as the phone shows them: a contact card's
 * people (`👤 Ana Ruiz`), a poll's question (`📊 ¿Qué día?`), an event's name (`📅 Cena`), the
 * group an invitation is to (`👥 Vecinos`), else its text or caption with the
 * people it mentions named; empty when it has none (the caller then names its kind). One rule for
 * the stored preview (the session actor), the one the inbox updates live, and its quotes.
 */
export function previewWords(m: {
  kind: string;
  text?: string | null | undefined;
  caption?: string | null | undefined;
  mentions?: readonly MessageMention[] | undefined;
  invite?: { groupName: string } | null | undefined;
}): string {
  if (m.kind === 'contact') {
    // Its people's names as stored, else as its vCards say (a quote carries the text alone).
    const names = m.caption || parseVCards(m.text).map((p) => p.name).filter(Boolean).join(', ');
    return names ? `👤 ${names}` : '';
  }
  if (m.kind === 'poll') return m.text ? `📊 ${pollParts(m.text).question}` : '';
  if (m.kind === 'event') return m.text ? `📅 ${m.text}` : '';
  if (m.kind === 'invite') return m.invite?.groupName ? `👥 ${m.invite.groupName}` : '';
  const raw = m.text || m.caption || '';
  return raw && m.mentions?.length ? textWithMentionNames(raw, m.mentions) : raw;
}
