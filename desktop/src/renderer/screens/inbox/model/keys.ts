/** Identity of a chat across sessions, and the Socket.IO rooms that grant access to it. */

/** The key of a chat in the inbox (`sessionId|chatId`). */
export function chatKey(sessionId: string, chatId: string): string {
  return `${sessionId}|${chatId}`;
}

/** Splits a chat key. */
export function parseChatKey(key: string): { sessionId: string; chatId: string } {
  const i = key.indexOf('|');
  return { sessionId: key.slice(0, i), chatId: key.slice(i + 1) };
}

/** The chat key a one-chat room (`chat:<sessionId>:<chatId>`) grants, or null for any other room. */
export function chatKeyOfRoom(room: string): string | null {
  if (!room.startsWith('chat:')) return null;
  const rest = room.slice('chat:'.length);
  const i = rest.indexOf(':');
  return i > 0 ? chatKey(rest.slice(0, i), rest.slice(i + 1)) : null;
}

/** True when the socket's rooms still let the user see the chat (whole session, or that chat). */
export function roomsAllow(rooms: readonly string[], sessionId: string, chatId: string): boolean {
  return rooms.includes(`chats:${sessionId}`) || rooms.includes(`chat:${sessionId}:${chatId}`);
}

/** `+34600111222` for a phone JID, null for groups and LIDs. */
export function phoneFromJid(jid: string): string | null {
  const m = /^(\d{6,15})(?::\d+)?@s\.whatsapp\.net$/.exec(jid);
  return m ? `+${m[1]}` : null;
}

/** Who wrote an incoming group message, for display (shared's: the push name, else the phone, else null). */
export { senderLabel } from '@switchboard/shared';

/** A phone for display: `+` and digits (the API may give digits only). */
export function displayPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits ? `+${digits}` : null;
}
