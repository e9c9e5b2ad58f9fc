/**
 * What the user may change of a group from *Datos del grupo*, and the numbers typed to add
 * members. Plain functions (no React) so they are tested on their own.
 */
import type { GroupInfoView } from '@switchboard/shared';

/** Whether the session's account is an admin of the group (WhatsApp lets only admins change members). */
export function accountIsAdmin(g: GroupInfoView): boolean {
  return g.members.some((m) => m.isAccount && m.role !== null);
}

/**
 * What the user may do here: `mayUpdate` is their ability (`update Chat` on the group); WhatsApp
 * then decides by the account's standing — members need an admin, the subject and description
 * need one only when the group says so. `blocked`: the user may, but the account may not.
 */
export function groupPowers(g: GroupInfoView, mayUpdate: boolean): { members: boolean; info: boolean; membersBlocked: boolean; infoBlocked: boolean } {
  const admin = accountIsAdmin(g);
  const info = !g.infoAdminsOnly || admin;
  return { members: mayUpdate && admin, info: mayUpdate && info, membersBlocked: mayUpdate && !admin, infoBlocked: mayUpdate && !info };
}

/** The numbers typed to add: separated by commas, semicolons or lines, blanks left out, each once. */
export function numbersFrom(text: string): string[] {
  return [...new Set(text.split(/[,;\n]+/).map((s) => s.trim()).filter(Boolean))];
}
