import { subject } from '@casl/ability';
import type { Action } from '../../policies/vocabulary.ts';
import type { AuthContext } from '../../auth/authContext.ts';
import { forbidden } from '../../errors.ts';

/**
 * Instance check on a user record: the subject carries the role's name so that rules such as
 * "supervisors cannot manage admins" (`{ roleName: 'admin' }`) apply.
 */
export function assertCanOnUser(auth: AuthContext, action: Action, target: { id?: string; roleId: string; roleName: string }): void {
  const s = subject('User', { _id: target.id, id: target.id, role: target.roleId, roleName: target.roleName });
  if (!auth.ability.can(action, s)) throw forbidden('forbidden', 'You are not allowed to manage this user');
}
