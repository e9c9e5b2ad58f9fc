/**
 * People a message names — whom its text mentions, who changed a group and whom the change
 * touched — named when it is stored. WhatsApp writes a mention as `@` and the user part of the
 * person's id (their number, or their LID in LID groups) and lists the ids beside the text; the
 * inbox shows the person's name instead. Ids are kept as phone-number JIDs when WhatsApp gives
 * the number beside a LID or the LID mapping knows it, so names come from their chat with the
 * session, else from their push name in this chat (as group members are named elsewhere); the
 * account itself is flagged (named by its own WhatsApp name, when known).
 */
import { jidDecode, jidNormalizedUser, type WASocket } from '@whiskeysockets/baileys';
import type { GroupEventParty, MessageMention } from '@switchboard/shared';
import { memberNames } from '@switchboard/shared/node';
import { isOwnAccount, phoneJidOf } from './jid.ts';

/** Someone as WhatsApp names them: an id, and their phone number beside a LID when it says. */
export interface GivenParty {
  id: string;
  phoneNumber?: string | null | undefined;
}

/** Each person by phone-number JID when known, named; `user` is the id's digits as given. */
export async function nameParties(sessionId: string, chatId: string, given: readonly GivenParty[], sock: WASocket | null): Promise<(GroupEventParty & { user: string })[]> {
  const me = sock?.authState.creds.me;
  const people = await Promise.all(
    given.map(async ({ id: raw, phoneNumber }) => {
      const id = jidNormalizedUser(raw);
      const jid = await phoneJidOf(sock, id, phoneNumber);
      return { user: jidDecode(id)?.user ?? '', jid, isAccount: isOwnAccount(sock, id, jid) };
    }),
  );
  const named = people.filter((p) => p.user && p.jid);
  const names = await memberNames(sessionId, chatId, named.filter((p) => !p.isAccount).map((p) => p.jid));
  return named.map((p) => ({ user: p.user, jid: p.jid, name: p.isAccount ? (me?.name ?? null) : (names.get(p.jid) ?? null), ...(p.isAccount ? { isAccount: true as const } : {}) }));
}

/** Whom a text mentions (`contextInfo.mentionedJid`). */
export function resolveMentions(sessionId: string, chatId: string, jids: readonly string[], sock: WASocket | null): Promise<MessageMention[]> {
  return nameParties(sessionId, chatId, jids.map((id) => ({ id })), sock);
}
