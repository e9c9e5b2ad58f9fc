import { Assignment, Role, User, type RoleDoc, type UserDoc } from '@switchboard/shared/node';
import type { Permission } from '@switchboard/shared';
import { Types } from 'mongoose';
import { defineAbilityFor } from '../policies/defineAbilityFor.ts';
import type { AuthContext } from './authContext.ts';

/** True when some permission of the role depends on the user's assignments. */
function needsAssignments(permissions: readonly Permission[]): boolean {
  return permissions.some((p) => p.conditions?.assigned === true);
}

/** Plain permission objects (mongoose subdocuments carry extra keys CASL must not see). */
export function plainPermissions(list: readonly Permission[]): Permission[] {
  return list.map((p) => {
    const out: Permission = { action: p.action, subject: p.subject };
    if (p.conditions) out.conditions = p.conditions;
    if (p.fields && p.fields.length > 0) out.fields = [...p.fields];
    if (p.inverted) out.inverted = true;
    return out;
  });
}

/** An active user and their role, as stored. */
export interface ActiveUser {
  user: UserDoc;
  role: RoleDoc;
}

/** Loads an active user and their role; undefined for unknown or deactivated users and for a deleted role. */
export async function loadActiveUser(userId: string): Promise<ActiveUser | undefined> {
  if (!Types.ObjectId.isValid(userId)) return undefined;
  const user = await User.findById(userId).lean();
  if (!user || !user.active) return undefined;
  const role = await Role.findById(user.role).lean();
  if (!role) return undefined;
  return { user, role };
}

/**
 * The AuthContext of `user` acting with `permissions`: their role's (a signed-in person) or an
 * API key's (see loadApiKeyContext). Assignments are read only when a rule needs them.
 */
export async function contextFor({ user, role }: ActiveUser, permissions: Permission[]): Promise<AuthContext> {
  const assignments = needsAssignments(permissions)
    ? await Assignment.find({ userId: user._id }, { sessionId: 1, chatId: 1 }).lean()
    : [];
  const id = user._id.toString();
  return {
    user: {
      id,
      _id: user._id,
      name: user.name,
      email: user.email,
      locale: user.locale,
      roleId: role._id.toString(),
      tokenVersion: user.tokenVersion,
      mustChangePassword: user.mustChangePassword,
    },
    role: { id: role._id.toString(), name: role.name, permissions },
    ability: defineAbilityFor({ id }, { name: role.name, permissions }, assignments),
  };
}

/**
 * Loads an active user, their role and (when the role needs them) their assignments, and
 * builds the ability. Returns undefined for unknown or deactivated users.
 */
export async function loadAuthContext(userId: string): Promise<AuthContext | undefined> {
  const active = await loadActiveUser(userId);
  if (!active) return undefined;
  return contextFor(active, plainPermissions(active.role.permissions ?? []));
}
