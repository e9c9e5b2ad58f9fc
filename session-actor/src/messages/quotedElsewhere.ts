/**
 * WhatsApp's private reply: a group member answers one of our group messages in their own chat
 * with us (or we answer theirs in ours), and the reply quotes a message of the group. The reply's
 * chat does not have that message, so what WhatsApp sent along with it is kept: the group, the
 * author and the quoted words (the thread shows them as the quote).
 */
import { isJidGroup, jidNormalizedUser, type WASocket } from '@whiskeysockets/baileys';
import type { QuotedElsewhere } from '@switchboard/shared';
import { isOwnAccount, phoneJidOf } from './jid.ts';
import { mapContent, type MappedContent } from './mapContent.ts';

/** The quote to keep, or undefined when it is not a group message of another chat. */
export async function quotedElsewhere(q: NonNullable<MappedContent['quotedElsewhere']>, chatId: string, sock: WASocket | null): Promise<QuotedElsewhere | undefined> {
  const chat = jidNormalizedUser(q.chatJid);
  if (!isJidGroup(chat) || chat === chatId) return undefined;
  const fromMe = isOwnAccount(sock, q.participant);
  const quoted = q.content ? mapContent(q.content) : null;
  return {
    chatId: chat,
    sender: fromMe || !q.participant ? null : await phoneJidOf(sock, q.participant),
    fromMe,
    kind: quoted?.kind ?? 'text',
    text: quoted?.text ?? quoted?.caption ?? null,
  };
}
