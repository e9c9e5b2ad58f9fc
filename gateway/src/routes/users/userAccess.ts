import { rulesToCondition } from '@casl/ability/extra';
import type { Permission } from '@switchboard/shared';
import { Role, User, type RoleDoc, type UserDoc } from '@switchboard/shared/node';
import { Types } from 'mongoose';
import type { AuthContext } from '../../auth/authContext.ts';
import { AppError, conflict, notFound } from '../../errors.ts';
import { grantsEverything, uncoveredPermissions } from '../../policies/coverage.ts';
import { authorize, markChecked, subjects } from '../../policies/subjects.ts';
import type { Action } from '../../policies/vocabulary.ts';

/**
 * Who may do what to a user account (issue 12): the record-level CASL check, "never more than
 * you have" (permission sets compared, not role names), no self-demotion through the admin
 * routes, and at least one active user who can do everything. Used by the users and admin routes.
 */

/** A user with their role (null when the role was deleted: no permissions). */
export interface UserTarget {
  user: UserDoc;
  role: Pick<RoleDoc, '_id' | 'name' | 'permissions'> | null;
}

/** What a self-action refusal names (see `assertNotSelf`). */
export type SelfAction = 'delete' | 'deactivate' | 'change_role' | 'reset_password';

/** Loads a user and their role, or 404. */
export async function loadUserTarget(id: string): Promise<UserTarget> {
  const user = await User.findById(id).lean();
  if (!user) throw notFound('user');
  const role = await Role.findById(user.role, { name: 1, permissions: 1 }).lean();
  return { user, role };
}

/** The CASL subject of a loaded user. */
export function userSubject(t: UserTarget) {
  return subjects.user({ id: t.user._id.toString(), roleId: String(t.user.role), roleName: t.role?.name ?? '' });
}

/** 403 `exceeds_own_permissions` unless the caller has every permission in `permissions`. */
export function assertHasPermissionsOf(auth: AuthContext, permissions: readonly Permission[], what: 'user' | 'role'): void {
  const missing = uncoveredPermissions(auth.role.permissions, permissions);
  if (missing.length === 0) return;
  const message = what === 'user' ? 'This user has permissions you do not have' : 'This role has permissions you do not have';
  throw new AppError(403, 'exceeds_own_permissions', message, { missing: missing.slice(0, 20) });
}

/**
 * May the caller `action` this user? The CASL rule on the record (e.g. supervisors never touch
 * admins), then: never a user holding permissions the caller lacks (so no custom role lets a
 * supervisor reach someone stronger).
 */
export function assertMayActOn(auth: AuthContext, action: Action, target: UserTarget): void {
  authorize(auth, action, userSubject(target));
  assertHasPermissionsOf(auth, target.role?.permissions ?? [], 'user');
}

/** May the caller give `role` to a new user (`create`) or to user `userId` (`update`)? Never a role stronger than their own. */
export function assertMayGrant(auth: AuthContext, action: 'create' | 'update', role: Pick<RoleDoc, '_id' | 'name' | 'permissions'>, userId?: string): void {
  authorize(auth, action, subjects.user({ ...(userId ? { id: userId } : {}), roleId: role._id.toString(), roleName: role.name }));
  assertHasPermissionsOf(auth, role.permissions, 'role');
}

/**
 * 403 `self_action_forbidden`: nobody deletes, deactivates, re-roles or temp-resets their own
 * account through the admin routes (a slip would lock them, maybe everyone, out); their own
 * password goes through change-password, the rest through another administrator.
 */
export function assertNotSelf(auth: AuthContext, userId: string, action: SelfAction): void {
  if (auth.user.id !== userId) return;
  throw new AppError(403, 'self_action_forbidden', 'You cannot do this to your own account: use change-password, or ask another administrator', { action });
}

/** Ids of the roles whose permissions can do everything, with `edit` applied to one role. */
async function everythingRoleIds(edit?: { roleId: Types.ObjectId; permissions: readonly Permission[] }): Promise<Types.ObjectId[]> {
  const roles = await Role.find({}, { permissions: 1 }).lean();
  return roles.filter((r) => grantsEverything(edit && r._id.equals(edit.roleId) ? edit.permissions : (r.permissions ?? []))).map((r) => r._id);
}

const lastAdmin = () =>
  conflict('last_admin', 'This is the last active user who can do everything (manage every user and role): it cannot be removed, deactivated or given fewer permissions');

/**
 * 409 `last_admin` when `userId` is an active user whose role can do everything and nobody else
 * active holds such a role: deleting, deactivating or re-roling them to `newRole` (unless that
 * role can do everything too) would leave nobody able to manage every user and role. Only a
 * caller who can do everything covers such a target (`assertMayActOn`), and that caller counts,
 * so this is a second line behind it, kept in case the coverage rules ever loosen.
 * FerretDB has no transactions: two administrators removing each other at the same instant
 * could both pass; the check closes every sequential path.
 */
export async function assertAdministratorRemains(target: UserTarget, newRole?: Pick<RoleDoc, 'permissions'>): Promise<void> {
  if (!target.user.active || !grantsEverything(target.role?.permissions ?? [])) return;
  if (newRole && grantsEverything(newRole.permissions)) return;
  const ids = await everythingRoleIds();
  const others = await User.countDocuments({ active: true, role: { $in: ids }, _id: { $ne: target.user._id } });
  if (others === 0) throw lastAdmin();
}

/** 409 `last_admin` when editing role `roleId` to `permissions` would leave no active user who can do everything. */
export async function assertRoleEditKeepsAdministrator(role: Pick<RoleDoc, '_id' | 'permissions'>, permissions: readonly Permission[]): Promise<void> {
  if (!grantsEverything(role.permissions ?? []) || grantsEverything(permissions)) return;
  const ids = await everythingRoleIds({ roleId: role._id, permissions });
  if ((await User.countDocuments({ active: true, role: { $in: ids } })) === 0) throw lastAdmin();
}

// ---- list scoping --------------------------------------------------------------------------

type Filter = Record<string, unknown>;

/** Matches no document (FerretDB-safe). */
const NOTHING: Filter = { _id: { $in: [] } };

/** An id no role has: a role name that does not exist matches nobody. */
const NO_ROLE = new Types.ObjectId('000000000000000000000000');

/** Turns a `roleName` condition value into one on the stored `role` id; undefined when it cannot. */
function roleCondition(value: unknown, ids: Map<string, Types.ObjectId>): unknown {
  const id = (name: unknown) => (typeof name === 'string' ? (ids.get(name) ?? NO_ROLE) : undefined);
  const many = (names: unknown) => (Array.isArray(names) && names.every((n) => typeof n === 'string') ? names.map((n) => id(n)!) : undefined);
  if (typeof value === 'string') return id(value);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Filter);
  if (entries.length !== 1) return undefined;
  const [op, arg] = entries[0]!;
  if (op === '$eq' || op === '$ne') return id(arg) && { [op]: id(arg) };
  if (op === '$in' || op === '$nin') return many(arg) && { [op]: many(arg) };
  return undefined;
}

/**
 * Rewrites a User rule's conditions for the database: `roleName` (what rules speak of) becomes
 * the stored `role` id, `id` becomes `_id`. Undefined when a condition cannot be rewritten.
 */
export function toUserQuery(conditions: Filter, ids: Map<string, Types.ObjectId>): Filter | undefined {
  const clauses: Filter[] = [];
  for (const [key, value] of Object.entries(conditions)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(value)) return undefined;
      const parts = value.map((c) => (c && typeof c === 'object' ? toUserQuery(c as Filter, ids) : undefined));
      if (parts.some((p) => p === undefined)) return undefined;
      clauses.push({ [key]: parts });
    } else if (key === 'roleName') {
      const role = roleCondition(value, ids);
      if (role === undefined) return undefined;
      clauses.push({ role });
    } else clauses.push({ [key === 'id' ? '_id' : key]: value });
  }
  return clauses.length === 1 ? clauses[0] : { $and: clauses };
}

/**
 * The users the caller may `action`, as a database filter: their CASL rules with role names
 * resolved (`accessibleBy` alone would look for a `roleName` field users do not have, so
 * "supervisors never see admins" would filter nothing). A rule that cannot be rewritten is
 * read in the caller's disfavour: a `can` matches nobody, a `cannot` everybody.
 */
export async function usersScope(auth: AuthContext, action: Action): Promise<Filter> {
  markChecked(auth, 'User');
  const roles = await Role.find({}, { name: 1 }).lean();
  const ids = new Map(roles.map((r) => [r.name, r._id]));
  const query = rulesToCondition(
    auth.ability.rulesFor(action, 'User'),
    (rule) => {
      const q = toUserQuery((rule.conditions ?? {}) as Filter, ids);
      if (!q) return NOTHING;
      return rule.inverted ? { $nor: [q] } : q;
    },
    { and: (c: Filter[]) => ({ $and: c }), or: (c: Filter[]) => ({ $or: c }), empty: () => ({}) },
  );
  return query ?? NOTHING;
}
