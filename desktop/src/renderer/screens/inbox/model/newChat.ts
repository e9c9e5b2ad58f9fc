/**
 * Starting a conversation (the inbox's *Nueva conversación*): which sessions the user may write
 * from to a number nobody assigned them, and the number as WhatsApp wants it.
 */
import type { SessionView } from '@switchboard/shared';
import { on, type ClientAbility } from '../../../auth/ability.ts';

/**
 * The number typed, as digits in international format (a leading `+`, spaces, dashes, dots and
 * brackets dropped), or null when it is not 6 to 15 digits.
 */
export function phoneDigits(input: string): string | null {
  const digits = input.trim().replace(/[\s+().-]/g, '');
  return /^\d{6,15}$/.test(digits) ? digits : null;
}

/**
 * Sessions from which the user may write to any number and then see that conversation: their
 * rules let them send to, and read, a chat of the session that no assignment names (employees
 * write only to chats assigned to them; a role that may send anywhere but read only its own
 * chats would lose the conversation it started). Connected sessions first, then by name.
 */
export function sessionsToStartFrom(sessions: readonly SessionView[], ability: ClientAbility): SessionView[] {
  return sessions
    .filter((s) => ability.can('send', on('Message', { sessionId: s.sessionId, chatId: '' })) && ability.can('read', on('Chat', { sessionId: s.sessionId, jid: '' })))
    .sort((a, b) => Number(b.status === 'connected') - Number(a.status === 'connected') || (a.name || a.sessionId).localeCompare(b.name || b.sessionId));
}

/**
 * Whether the user may start conversations at all (rules let them write to and read a chat no
 * assignment names): the command palette offers *Nueva conversación* then.
 */
export function mayStartChats(ability: ClientAbility): boolean {
  const unscoped = (rules: ReturnType<ClientAbility['rulesFor']>, field: string) => rules.some((r) => !r.inverted && !(r.conditions && field in r.conditions));
  return unscoped(ability.rulesFor('send', 'Message'), 'chatId') && unscoped(ability.rulesFor('read', 'Chat'), 'jid');
}
