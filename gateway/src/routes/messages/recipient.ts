import { badRequest } from '../../errors.ts';

const SERVERS: Record<string, string> = { 's.whatsapp.net': 's.whatsapp.net', 'c.us': 's.whatsapp.net', lid: 'lid', 'g.us': 'g.us' };

/**
 * Normalises a send target exactly as the hub's outbox does (phone digits → PN JID, device
 * part dropped, c.us → s.whatsapp.net), so permission checks see the chat the message lands
 * in. Throws a coded 400 `invalid_recipient`.
 */
export function recipientJid(to: string): string {
  const trimmed = to.trim();
  const fail = () => badRequest('invalid_recipient', 'The recipient must be a phone number (digits) or a WhatsApp JID');
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
