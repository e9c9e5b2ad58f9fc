import { callWaits, type MessageView } from '@switchboard/shared';

/**
 * A customer's new message, the kind the automations react to: not our own, not a reaction, not
 * a change to a group (someone added: nobody wrote anything), not an edit or a deletion of an
 * earlier one (those are announced as `message` events too), not a call answered on the phone
 * (someone spoke with them). A missed or declined call is one.
 */
export function isCustomersNewMessage(m: MessageView): boolean {
  return !m.fromMe && m.kind !== 'reaction' && m.kind !== 'system' && callWaits(m.call) && m.editedAt === undefined && m.revokedAt === undefined;
}
