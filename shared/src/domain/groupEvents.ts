/**
 * Changes to a group that WhatsApp shows in the chat itself ("Carla añadió a Diego", "Diego
 * salió del grupo"): stored as messages of kind `system`, with who did it and to whom, named when
 * they happened.
 */

/** What happened. */
export const GROUP_EVENT_ACTIONS = ['create', 'add', 'remove', 'leave', 'promote', 'demote', 'subject', 'description'] as const;
export type GroupEventAction = (typeof GROUP_EVENT_ACTIONS)[number];

/** Someone in a group change: their phone-number JID when known, named as group members are. */
export interface GroupEventParty {
  jid: string;
  name: string | null;
  /** The session's own WhatsApp account. */
  isAccount?: true;
}

/** A change to a group (a `system` message). */
export interface GroupEvent {
  action: GroupEventAction;
  /** Who made the change (null when WhatsApp did not say). */
  by: GroupEventParty | null;
  /** Whom it touched (add, remove, leave, promote, demote). */
  who: GroupEventParty[];
  /** The new subject (subject, create) or description (description). */
  value?: string;
}

/** Which sentence tells a change: someone added by nobody, or by themselves (an invite link), `join`ed. */
export function groupEventWording(e: GroupEvent): GroupEventAction | 'join' {
  return e.action === 'add' && (!e.by || (e.who.length === 1 && e.who[0]!.jid === e.by.jid)) ? 'join' : e.action;
}
