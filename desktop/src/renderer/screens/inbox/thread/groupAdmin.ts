/**
 * What the user may change of a group from *Datos del grupo*, and the numbers typed to add
 * members. Plain functions (no React) so they are tested on their own.
 */
import type { GroupInfoView } from '@switchboard/shared';

/** Whether the session's account is an admin of the group (WhatsApp lets only admins change members). */
export function accountIsAdmin(g: Pick<GroupInfoView, 'members'>): boolean {
  return g.members.some((m) => m.isAccount && m.role !== null);
}

/** Why the account may not write in a group: only admins send and it is not one, or it has left. */
export type ReplyBlock = 'admins_only' | 'not_in_group';

/** What the group's details say of the account's standing (null: it may write). */
export function replyBlockOf(g: Pick<GroupInfoView, 'sendAdminsOnly' | 'members'>): ReplyBlock | null {
  return g.sendAdminsOnly && !accountIsAdmin(g) ? 'admins_only' : null;
}

/**
 * What the user may do here: `mayUpdate` is their ability (`update Chat` on the group); WhatsApp
 * then decides by the account's standing — changing members and settings needs an admin; adding
 * members needs one unless the group lets every member add; the subject and description need one
 * only when the group says so. `…Blocked`: the user may, but the account may not.
 */
export function groupPowers(
  g: GroupInfoView,
  mayUpdate: boolean,
): { members: boolean; add: boolean; info: boolean; settings: boolean; membersBlocked: boolean; infoBlocked: boolean; settingsBlocked: boolean } {
  const admin = accountIsAdmin(g);
  const info = !g.infoAdminsOnly || admin;
  const add = admin || !g.addAdminsOnly;
  return {
    members: mayUpdate && admin,
    add: mayUpdate && add,
    info: mayUpdate && info,
    settings: mayUpdate && admin,
    membersBlocked: mayUpdate && !add,
    infoBlocked: mayUpdate && !info,
    settingsBlocked: mayUpdate && !admin,
  };
}

/** The numbers typed to add: separated by commas, semicolons or lines, blanks left out, each once. */
export function numbersFrom(text: string): string[] {
  return [...new Set(text.split(/[,;\n]+/).map((s) => s.trim()).filter(Boolean))];
}
