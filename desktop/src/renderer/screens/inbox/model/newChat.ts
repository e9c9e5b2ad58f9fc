/**
 * Starting a conversation (the inbox's *Nueva conversación*): which sessions the user may start
 * one from, whether taking it is their choice, and the number as WhatsApp wants it.
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
 * Sessions from which the user may start conversations (`create` on Conversaciones: supervisors,
 * and any role given it, such as a salesperson's), connected ones first, then by name.
 */
export function sessionsToStartFrom(sessions: readonly SessionView[], ability: ClientAbility): SessionView[] {
  return sessions
    .filter((s) => mayStartChatIn(ability, s.sessionId))
    .sort((a, b) => Number(b.status === 'connected') - Number(a.status === 'connected') || (a.name || a.sessionId).localeCompare(b.name || b.sessionId));
}

/** Whether the user may start conversations from one session. */
export function mayStartChatIn(ability: ClientAbility, sessionId: string): boolean {
  return ability.can('create', on('Chat', { sessionId, jid: '' }));
}

/** Whether the user may start conversations at all: the command palette offers *Nueva conversación* then. */
export function mayStartChats(ability: ClientAbility): boolean {
  return ability.rulesFor('create', 'Chat').some((r) => !r.inverted && !(r.conditions && 'jid' in r.conditions));
}

/**
 * Whether taking the conversation is the user's choice: only for those who may read every chat
 * of the session. Anyone else gets the conversation they start assigned (or could not see it).
 */
export function assignmentOptional(ability: ClientAbility, sessionId: string): boolean {
  return ability.can('read', on('Chat', { sessionId, jid: '' }));
}
