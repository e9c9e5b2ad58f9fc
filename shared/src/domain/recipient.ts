/**
 * Send-target normalisation shared by the gateway (permission checks) and the supervisor's
 * outbox (stored chatId), so both see the chat a message lands in. Pure and browser-safe.
 */
import { HUB_ERROR_CODES, hubError } from '../protocol/hubErrors.ts';

/** WhatsApp servers a recipient may name, mapped to the server the chat is stored under. */
const SERVERS: Record<string, string> = {
  's.whatsapp.net': 's.whatsapp.net',
  'c.us': 's.whatsapp.net',
  lid: 'lid',
  'g.us': 'g.us',
};

/**
 * Normalises a send target, or returns null when it is not one: phone digits (`+34 600-000-000`
 * is fine) become a PN JID; a JID loses its device/agent part; `c.us` becomes `s.whatsapp.net`;
 * LIDs (`…@lid`) and groups (`…@g.us`) are kept.
 */
export function normalizeRecipient(to: string): string | null {
  const trimmed = to.trim();
  if (!trimmed.includes('@')) {
    const digits = trimmed.replace(/[\s+\-().]/g, '');
    return /^\d{5,20}$/.test(digits) ? `${digits}@s.whatsapp.net` : null;
  }
  const [userPart, server, ...rest] = trimmed.toLowerCase().split('@');
  const mapped = server ? SERVERS[server] : undefined;
  const user = userPart?.split(':')[0]?.split('_')[0];
  if (rest.length || !mapped || !user) return null;
  if (mapped === 'g.us' ? !/^\d[\d-]*$/.test(user) : !/^\d{5,25}$/.test(user)) return null;
  return `${user}@${mapped}`;
}

/**
 * Like normalizeRecipient, but throws the hub's coded `invalid_recipient` error (the gateway
 * answers it with 400) instead of returning null.
 */
export function recipientJid(to: string): string {
  const jid = normalizeRecipient(to);
  if (!jid) throw hubError(HUB_ERROR_CODES.INVALID_RECIPIENT, 'The recipient must be a phone number (digits) or a WhatsApp JID');
  return jid;
}
