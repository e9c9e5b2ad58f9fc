/**
 * Outgoing message ids and recipients, worked out without Baileys (the supervisor never loads
 * it): ids look like the ones WhatsApp Web generates, recipients are normalised to the JID
 * the actor will send to, so the stored chatId matches the chat the reply lands in.
 */
import { randomBytes } from 'node:crypto';
import { HUB_ERROR_CODES, hubError } from '@switchboard/shared';

/** A Baileys-like message id: '3EB0' + 18 upper-case hex characters. */
export function newMessageId(): string {
  return `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;
}

const SERVERS: Record<string, string> = {
  's.whatsapp.net': 's.whatsapp.net',
  'c.us': 's.whatsapp.net',
  lid: 'lid',
  'g.us': 'g.us',
};

/**
 * Normalises a send target: phone digits (`+34 600-000-000` is fine) become a PN JID; a JID
 * loses its device part; `c.us` becomes `s.whatsapp.net`. Throws `invalid_recipient`.
 */
export function recipientJid(to: string): string {
  const trimmed = to.trim();
  const fail = () => hubError(HUB_ERROR_CODES.INVALID_RECIPIENT, `Invalid recipient: ${trimmed.slice(0, 40)}`);
  if (!trimmed.includes('@')) {
    const digits = trimmed.replace(/[\s+\-().]/g, '');
    if (!/^\d{5,20}$/.test(digits)) throw fail();
    return `${digits}@s.whatsapp.net`;
  }
  const [userPart, server, ...rest] = trimmed.toLowerCase().split('@');
  const mapped = server ? SERVERS[server] : undefined;
  const user = userPart?.split(':')[0]?.split('_')[0];
  if (rest.length || !mapped || !user) throw fail();
  if (mapped === 'g.us' ? !/^[\d-]+$/.test(user) : !/^\d{5,25}$/.test(user)) throw fail();
  return `${user}@${mapped}`;
}
