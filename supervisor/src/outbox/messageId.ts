/**
 * Outgoing message ids and recipients, worked out without Baileys (the supervisor never loads
 * it): ids look like the ones WhatsApp Web generates, recipients are normalised to the JID
 * the actor will send to, so the stored chatId matches the chat the reply lands in.
 */
import { randomBytes } from 'node:crypto';

/** A Baileys-like message id: '3EB0' + 18 upper-case hex characters. */
export function newMessageId(): string {
  return `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;
}

/** Recipients are normalised by the one shared implementation (also used by the gateway). */
export { recipientJid } from '@switchboard/shared';
