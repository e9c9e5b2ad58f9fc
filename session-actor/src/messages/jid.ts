import { areJidsSameUser, isJidGroup, isLidUser, isPnUser, jidNormalizedUser, type WASocket } from '@whiskeysockets/baileys';
import { invalidRecipient } from '../errors.ts';

const SUPPORTED_SERVERS = new Set(['s.whatsapp.net', 'lid', 'g.us', 'c.us']);

/**
 * Normalises a send target: phone digits (`+34 600-000-000` is fine) become a PN JID; a JID
 * loses its device part (`x:5@s.whatsapp.net` → `x@s.whatsapp.net`); `c.us` becomes
 * `s.whatsapp.net`. Throws `invalid_recipient` for anything else.
 */
export function toRecipientJid(to: string): string {
  const trimmed = to.trim();
  if (!trimmed.includes('@')) {
    const digits = trimmed.replace(/[\s+\-().]/g, '');
    if (!/^\d{5,20}$/.test(digits)) throw invalidRecipient(to);
    return `${digits}@s.whatsapp.net`;
  }
  const [user, server] = trimmed.split('@');
  if (!user || !server || !SUPPORTED_SERVERS.has(server)) throw invalidRecipient(to);
  const normalized = jidNormalizedUser(trimmed);
  if (!normalized) throw invalidRecipient(to);
  return normalized;
}

/** The identities of a 1:1 contact or a group as far as one message tells them. */
export interface ChatIdentity {
  /** The chat id we store: the PN JID when known, else the LID JID, or the group JID. */
  chatId: string;
  pnJid?: string;
  lid?: string;
  isGroup: boolean;
}

/** Minimal key shape (WAMessageKey) this module reads. */
export interface KeyLike {
  remoteJid?: string | null;
  remoteJidAlt?: string | null;
  participant?: string | null;
  participantAlt?: string | null;
}

/**
 * Works out the chat of a message key. For 1:1 chats WhatsApp may address a contact by LID
 * (`x@lid`) with the phone number in `remoteJidAlt` (or the reverse); both identities are kept
 * so that one chat is stored per contact, keyed by the PN JID whenever it is known.
 * `pnForLid` is the LID mapping learnt earlier (Baileys' lidMapping store), if any.
 */
export function chatIdentityOf(key: KeyLike, pnForLid?: string | null): ChatIdentity | null {
  const remote = key.remoteJid ? jidNormalizedUser(key.remoteJid) : '';
  if (!remote) return null;
  if (isJidGroup(remote)) return { chatId: remote, isGroup: true };
  const alt = key.remoteJidAlt ? jidNormalizedUser(key.remoteJidAlt) : undefined;
  const ids = [remote, alt, pnForLid ? jidNormalizedUser(pnForLid) : undefined];
  const pnJid = ids.find((j) => j && isPnUser(j));
  const lid = ids.find((j) => j && isLidUser(j));
  return { chatId: pnJid ?? lid ?? remote, isGroup: false, ...(pnJid ? { pnJid } : {}), ...(lid ? { lid } : {}) };
}

/** The sender of a message: the participant in groups, the chat in 1:1, preferring PN JIDs. */
export function senderOf(key: KeyLike, identity: ChatIdentity): string | undefined {
  if (!identity.isGroup) return identity.chatId;
  const ids = [key.participantAlt, key.participant].filter((j): j is string => !!j).map(jidNormalizedUser);
  return ids.find((j) => isPnUser(j)) ?? ids[0];
}

/** The phone-number JID of a LID user, when the socket's mapping knows it (null otherwise). */
export async function pnForLid(sock: WASocket | null, jid: string | null | undefined): Promise<string | null> {
  if (!sock || !jid || !isLidUser(jid)) return null;
  try {
    return await sock.signalRepository.lidMapping.getPNForLID(jid);
  } catch {
    return null;
  }
}

/** The LID of a phone-number user, when the socket's mapping knows it (null otherwise). */
export async function lidForPn(sock: WASocket | null, jid: string | null | undefined): Promise<string | null> {
  if (!sock || !jid || !isPnUser(jid)) return null;
  try {
    return await sock.signalRepository.lidMapping.getLIDForPN(jid);
  } catch {
    return null;
  }
}

/**
 * Someone's id as we keep it: the phone-number JID WhatsApp gave beside a LID, else the one the
 * socket's LID mapping knows, else the id as given (normalised).
 */
export async function phoneJidOf(sock: WASocket | null, id: string, phoneNumber?: string | null): Promise<string> {
  return jidNormalizedUser(phoneNumber || ((await pnForLid(sock, id)) ?? id));
}

/** The session's own account's ids, without device: its phone number's and its LID (when known). */
export function ownAccountIds(sock: WASocket | null): string[] {
  const me = sock?.authState.creds.me;
  return [me?.id, me?.lid].filter((j): j is string => !!j).map(jidNormalizedUser);
}

/** Whether any of `ids` is the session's own account (by its phone number or its LID, any device). */
export function isOwnAccount(sock: WASocket | null, ...ids: (string | null | undefined)[]): boolean {
  const own = ownAccountIds(sock);
  return ids.some((id) => !!id && own.some((o) => areJidsSameUser(id, o)));
}

/** The chat of a received message's key, asking the socket's LID mapping when the key names no phone number. */
export async function chatIdentityFor(key: KeyLike, sock: WASocket | null): Promise<ChatIdentity | null> {
  return chatIdentityOf(key, key.remoteJidAlt ? null : await pnForLid(sock, key.remoteJid));
}
