/**
 * Whom a message mentions, named when it is stored. WhatsApp writes a mention as `@` and the user
 * part of the person's id (their number, or their LID in LID groups) and lists the ids beside the
 * text; the inbox shows the person's name instead. The id is kept as a phone-number JID when the
 * LID mapping knows it, so the name comes from their chat with the session, else from their push
 * name in this chat (as group members are named elsewhere); the account itself is flagged (named
 * by its own WhatsApp name, when known).
 */
import { areJidsSameUser, jidDecode, jidNormalizedUser, type WASocket } from '@whiskeysockets/baileys';
import type { MessageMention } from '@switchboard/shared';
import { memberNames } from '@switchboard/shared/node';
import { pnForLid } from './jid.ts';

export async function resolveMentions(sessionId: string, chatId: string, jids: readonly string[], sock: WASocket | null): Promise<MessageMention[]> {
  const me = sock?.authState.creds.me;
  const people = await Promise.all(
    jids.map(async (given) => {
      const id = jidNormalizedUser(given);
      const user = jidDecode(id)?.user ?? '';
      const jid = jidNormalizedUser((await pnForLid(sock, id)) ?? id);
      const isAccount = !!me && (areJidsSameUser(id, me.id) || (!!me.lid && areJidsSameUser(id, me.lid)) || areJidsSameUser(jid, me.id));
      return { user, jid, isAccount };
    }),
  );
  const named = people.filter((p) => p.user && p.jid);
  const names = await memberNames(sessionId, chatId, named.filter((p) => !p.isAccount).map((p) => p.jid));
  return named.map((p) => ({ user: p.user, jid: p.jid, name: p.isAccount ? (me?.name ?? null) : (names.get(p.jid) ?? null), ...(p.isAccount ? { isAccount: true as const } : {}) }));
}
