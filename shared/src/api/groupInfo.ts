/** A member's standing in a group, as WhatsApp gives it (`superadmin`: the group's owner). */
export type GroupRole = 'admin' | 'superadmin';

/**
 * A group's settings, as WhatsApp's "Group settings" name them: only admins send messages
 * (`announce`), edit the group's info (`restrict`), add members (`member_add_mode` admin_add);
 * an admin approves who joins by link (`membership_approval_mode`).
 */
export interface GroupSettings {
  sendAdminsOnly: boolean;
  /** Only admins may change the subject and description (WhatsApp's "Edit group info: only admins"). */
  infoAdminsOnly: boolean;
  addAdminsOnly: boolean;
  approveNewMembers: boolean;
}

/** What WhatsApp says of a group now (the actor's `groupInfo` command, from its metadata). */
export interface GroupMetadataInfo extends GroupSettings {
  subject: string;
  /** The group's description; null when it has none. */
  description: string | null;
  /** When it was created (ms); null when WhatsApp did not say. */
  createdAt: number | null;
  /** Who created it: a member id as in `members`; null when unknown. */
  createdBy: string | null;
  /** Its members: the phone-number JID when known (else the LID), admins marked, the session's own account flagged. */
  members: { member: string; role: GroupRole | null; isAccount: boolean }[];
}

/** One member of a group, as the inbox's group details list them. */
export interface GroupMemberView {
  /** The phone-number JID (the LID when WhatsApp never told the number). */
  member: string;
  /** Digits of their number, when known. */
  phone: string | null;
  /** Their name: the contact's chat name (the team's, else WhatsApp's), else the push name of their latest message in the group; null when unknown. */
  name: string | null;
  role: GroupRole | null;
  /** The session's own WhatsApp account. */
  isAccount: boolean;
  /** Their own chat with the session, when there is one the caller may read (null otherwise). */
  chatId: string | null;
}

/**
 * Answer of `GET /api/sessions/:id/chats/:chatId/group`: the group as WhatsApp has it now.
 * Members: the account first, then admins, then by name (named before unnamed), then number.
 */
export interface GroupInfoView extends GroupSettings {
  sessionId: string;
  chatId: string;
  subject: string;
  description: string | null;
  createdAt: number | null;
  createdBy: GroupMemberView | null;
  members: GroupMemberView[];
}
