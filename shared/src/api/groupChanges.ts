/**
 * Changes the team makes to a WhatsApp group through the session's account: members added,
 * removed, made admin or no longer admin (the account must be a group admin), its subject or
 * description (any member, unless the group lets only admins edit its info), and leaving it.
 */
import type { GroupInfoView, GroupSettings } from './groupInfo.ts';

export const GROUP_MEMBER_ACTIONS = ['add', 'remove', 'promote', 'demote'] as const;
export type GroupMemberAction = (typeof GROUP_MEMBER_ACTIONS)[number];

/** Longest subject WhatsApp takes. */
export const GROUP_SUBJECT_MAX = 100;
/** Longest description WhatsApp takes. */
export const GROUP_DESCRIPTION_MAX = 2048;
/** Most members one change names. */
export const GROUP_MEMBERS_PER_CHANGE = 50;

/** The settings an admin turns on or off, in the order the inbox lists them. */
export const GROUP_SETTINGS = ['sendAdminsOnly', 'infoAdminsOnly', 'addAdminsOnly', 'approveNewMembers'] as const satisfies readonly (keyof GroupSettings)[];
export type GroupSetting = (typeof GROUP_SETTINGS)[number];

/** What the actor's `groupChange` command asks WhatsApp to do (members as JIDs). */
export type GroupChange =
  | { kind: 'members'; action: GroupMemberAction; members: string[] }
  | { kind: 'subject'; subject: string }
  | { kind: 'description'; description: string | null }
  | { kind: 'setting'; setting: GroupSetting; on: boolean }
  | { kind: 'requests'; action: GroupRequestAction; members: string[] }
  | { kind: 'leave' };

/** What an admin does with requests to join. */
export const GROUP_REQUEST_ACTIONS = ['approve', 'reject'] as const;
export type GroupRequestAction = (typeof GROUP_REQUEST_ACTIONS)[number];

/** A request to join as the actor reads it: who (phone-number JID when known), when (ms) and how (`invite_link`…). */
export interface GroupJoinRequest {
  member: string;
  requestedAt: number | null;
  method: string | null;
}

/** One request to join, as the inbox lists them. */
export interface GroupJoinRequestView extends GroupJoinRequest {
  /** Digits of their number, when known. */
  phone: string | null;
  /** Their chat's name, else their latest push name in the group; null when unknown. */
  name: string | null;
}

/** Answer of `GET …/group/requests`: who waits for an admin to let them in, oldest first. */
export interface GroupJoinRequestsView {
  sessionId: string;
  chatId: string;
  requests: GroupJoinRequestView[];
}

/** Answer of `POST …/group/requests`: each request's outcome, the group and the requests left. */
export interface GroupRequestsChangeView {
  action: GroupRequestAction;
  results: (GroupMemberResult & { phone: string | null })[];
  group: GroupInfoView;
  requests: GroupJoinRequestView[];
}

/** WhatsApp's address for joining a group with its invitation code. */
export const GROUP_INVITE_URL = 'https://chat.whatsapp.com/';

/** Answer of `GET …/group/invite-link`: the group's invitation link (anyone with it may join). */
export interface GroupInviteLinkView {
  sessionId: string;
  chatId: string;
  code: string;
  link: string;
}

/**
 * What became of one member of a change: `done`; `already_member` (add); `not_member` (remove,
 * promote, demote); `not_on_whatsapp`; `invite_only` (their privacy lets only an invitation add
 * them); `recently_left` (WhatsApp does not let them be added again yet); `own_account` (the
 * session's own account is never changed this way); `no_request` (approve, reject: they have not
 * asked to join, or no longer); `failed` (any other answer).
 */
export const GROUP_MEMBER_OUTCOMES = ['done', 'already_member', 'not_member', 'not_on_whatsapp', 'invite_only', 'recently_left', 'own_account', 'no_request', 'failed'] as const;
export type GroupMemberOutcome = (typeof GROUP_MEMBER_OUTCOMES)[number];

/** One member's outcome, by the JID the change named them with. */
export interface GroupMemberResult {
  member: string;
  outcome: GroupMemberOutcome;
}

/** Answer of `POST /api/sessions/:id/groups`: the new group's chat, and whom WhatsApp added. */
export interface CreatedGroupView {
  sessionId: string;
  chatId: string;
  subject: string;
  /** Each member asked for: `done` when WhatsApp added them, else why not. */
  results: (GroupMemberResult & { phone: string | null })[];
  /** Whether the caller is now among the group chat's assignees. */
  assigned: boolean;
}

/** Answer of `POST /api/sessions/:id/messages/:messageId/accept-invite`: the group the account joined. */
export interface JoinedGroupView {
  sessionId: string;
  chatId: string;
  groupName: string;
  /** Whether the caller is now among the group chat's assignees. */
  assigned: boolean;
}

/** Answer of `POST …/group/members`: each member's outcome, and the group as WhatsApp has it afterwards. */
export interface GroupMembersChangeView {
  action: GroupMemberAction;
  results: (GroupMemberResult & { phone: string | null })[];
  group: GroupInfoView;
}
