import { Role, User } from '@switchboard/shared/node';
import { BUILT_IN_ROLES } from '@switchboard/shared';
import { conflict, notFound } from '../../errors.ts';
import { authorize, scope, subjects } from '../../policies/subjects.ts';
import { presentRole } from '../../presenters/users.ts';
import { listOf, listResponse, paging } from '../common.ts';
import { notifyUserChanged } from '../../realtimeNotify.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { assertHasPermissionsOf, assertRoleEditKeepsAdministrator } from '../users/userAccess.ts';
import { createRoleBody, listRolesQuery, roleParams, roleSchema, updateRoleBody } from './schema.ts';

const tag = 'Roles';
const isBuiltInName = (name: string) => (BUILT_IN_ROLES as readonly string[]).includes(name.toLowerCase());

/** Loads a role or throws 404. */
async function loadRole(id: string) {
  const role = await Role.findById(id).lean();
  if (!role) throw notFound('role');
  return role;
}

/**
 * Roles: list, create, update and delete custom roles with granular permissions. Nobody makes
 * or edits a role to hold permissions they lack, nor touches a role stronger than their own.
 */
export const roleRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/roles', tag, summary: 'List roles', auth: 'user', permission: ['read', 'Role'],
    record: 'Role', query: listRolesQuery,
    response: { status: 200, description: 'A page of roles', schema: listOf(roleSchema) },
    async handler({ auth, query }) {
      const filter = scope(auth!, 'read', 'Role');
      const { skip, limit } = paging(query);
      const [roles, total] = await Promise.all([Role.find(filter).sort({ name: 1 }).skip(skip).limit(limit).lean(), Role.countDocuments(filter)]);
      return listResponse(roles.map(presentRole), total, query);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/roles', tag, summary: 'Create a custom role (only with permissions the caller has)', auth: 'user', permission: ['create', 'Role'],
    record: 'Role', body: createRoleBody, audit: 'role.create',
    response: { status: 201, description: 'The new role; 403 `exceeds_own_permissions`', schema: roleSchema },
    async handler({ auth, body, audit }) {
      authorize(auth, 'create', subjects.role({ name: body.name }));
      assertHasPermissionsOf(auth!, body.permissions, 'role');
      if (isBuiltInName(body.name) || (await Role.exists({ name: body.name }))) throw conflict('role_exists', 'A role with this name already exists');
      const role = await Role.create({ name: body.name, description: body.description ?? '', permissions: body.permissions, builtIn: false });
      audit.targetType = 'Role';
      audit.targetId = role._id.toString();
      audit.details = { name: role.name };
      return presentRole(role.toObject());
    },
  }),
  defineRoute({
    method: 'put', path: '/api/roles/:id', tag, summary: 'Update a custom role (built-in roles are read-only; only with permissions the caller has)', auth: 'user', permission: ['update', 'Role'],
    record: 'Role', params: roleParams, body: updateRoleBody, audit: 'role.update',
    response: { status: 200, description: 'The updated role; 403 `exceeds_own_permissions`; 409 `last_admin`', schema: roleSchema },
    async handler({ deps, auth, params, body, audit }) {
      const role = await loadRole(params.id);
      authorize(auth, 'update', subjects.role({ id: params.id, name: role.name, builtIn: role.builtIn }));
      if (body.name) authorize(auth, 'update', subjects.role({ id: params.id, name: body.name, builtIn: role.builtIn }));
      // Editing a role changes what its holders can do: the caller must have all of it, before and after.
      assertHasPermissionsOf(auth!, role.permissions ?? [], 'role');
      if (body.permissions) assertHasPermissionsOf(auth!, body.permissions, 'role');
      if (role.builtIn) throw conflict('built_in_role', 'Built-in roles cannot be changed');
      if (body.name && body.name !== role.name && (isBuiltInName(body.name) || (await Role.exists({ name: body.name })))) {
        throw conflict('role_exists', 'A role with this name already exists');
      }
      if (body.permissions) await assertRoleEditKeepsAdministrator(role, body.permissions);
      const updated = await Role.findOneAndUpdate({ _id: role._id }, { $set: body }, { returnDocument: 'after' }).lean();
      if (!updated) throw notFound('role');
      // REST requests rebuild abilities per request; open sockets are told to re-check their rooms.
      const members = await User.find({ role: role._id }, { _id: 1 }).lean();
      for (const m of members) notifyUserChanged(deps, m._id.toString());
      audit.targetType = 'Role';
      audit.targetId = params.id;
      audit.details = { fields: Object.keys(body), users: members.length };
      return presentRole(updated);
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/roles/:id', tag, summary: 'Delete a custom role that no user holds', auth: 'user', permission: ['delete', 'Role'],
    record: 'Role', params: roleParams, audit: 'role.delete',
    response: { status: 204, description: 'Deleted' },
    async handler({ auth, params, audit }) {
      const role = await loadRole(params.id);
      authorize(auth, 'delete', subjects.role({ id: params.id, name: role.name, builtIn: role.builtIn }));
      assertHasPermissionsOf(auth!, role.permissions ?? [], 'role');
      if (role.builtIn) throw conflict('built_in_role', 'Built-in roles cannot be deleted');
      // Deactivated users count too: they would come back without a role. (No transactions: a
      // user given this role between the count and the delete is possible but needs an admin racing themself.)
      const users = await User.countDocuments({ role: role._id });
      if (users > 0) throw conflict('role_in_use', 'Users still hold this role; give them another role first', { users });
      await Role.deleteOne({ _id: role._id });
      audit.targetType = 'Role';
      audit.targetId = params.id;
      audit.details = { name: role.name };
      return undefined;
    },
  }),
];
