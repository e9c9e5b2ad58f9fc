/**
 * Changes to a group that WhatsApp shows in the chat itself ("Carla añadió a Diego", "Diego
 * salió del grupo"): stored as messages of kind `system`, with who did it and to whom, named when
 * they happened.
 */

/**
 * A group setting an admin turned on or off (the event's `value` is `on` or `off`): only admins
 * send messages, edit the group's info, add members; new members need an admin's approval.
 */
export const GROUP_SETTING_EVENTS = ['send_admins_only', 'info_admins_only', 'add_admins_only', 'approve_new_members'] as const;
export type GroupSettingEvent = (typeof GROUP_SETTING_EVENTS)[number];

/**
 * What happened; `join_request`: someone asked to join by link and waits for an admin (`value`
 * `created`), took the request back (`revoked`), or an admin turned it down (`rejected`).
 */
export const GROUP_EVENT_ACTIONS = ['create', 'add', 'remove', 'leave', 'promote', 'demote', 'subject', 'description', ...GROUP_SETTING_EVENTS, 'join_request'] as const;
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
  /** The new subject (subject, create) or description (description); `on` or `off` for a setting. */
  value?: string;
}

/** The sentences a change is told with. */
export type GroupEventWording = GroupEventAction | 'join' | `${GroupSettingEvent}_off` | 'join_request_revoked' | 'join_request_rejected';

function isSettingEvent(action: GroupEventAction): action is GroupSettingEvent {
  return (GROUP_SETTING_EVENTS as readonly string[]).includes(action);
}

/**
 * Which sentence tells a change: someone added by nobody, or by themselves (an invite link),
 * `join`ed; a setting turned off, and a request to join taken back or turned down, are told by
 * their own sentences (`send_admins_only_off`, `join_request_rejected`).
 */
export function groupEventWording(e: GroupEvent): GroupEventWording {
  if (isSettingEvent(e.action)) return e.value === 'off' ? `${e.action}_off` : e.action;
  if (e.action === 'join_request') return e.value === 'revoked' ? 'join_request_revoked' : e.value === 'rejected' ? 'join_request_rejected' : 'join_request';
  return e.action === 'add' && (!e.by || (e.who.length === 1 && e.who[0]!.jid === e.by.jid)) ? 'join' : e.action;
}
