import { accessibleBy } from '@casl/mongoose';
import { Assignment, User, type UserDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';
import { badRequest, conflict, notFound } from '../../errors.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { presentUser } from '../../presenters/users.ts';
import { userSchema } from '../auth/schema.ts';
import { escapeRegex, listOf, listResponse, paging } from '../common.ts';
import { notifyUserChanged } from '../../realtimeNotify.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { assertCanOnUser } from './guard.ts';
import { resolveRole, roleNames } from './roleLookup.ts';
import { createUserBody, listUsersQuery, updateUserBody, userParams } from './schema.ts';

const tag = 'Users';

/** Loads a user or throws 404. */
async function loadUser(id: string): Promise<UserDoc> {
  const user = await User.findById(id).lean();
  if (!user) throw notFound('user');
  return user;
}

/** Refuses to remove, deactivate or demote the last active admin (nobody could manage the system). */
async function assertNotLastAdmin(user: UserDoc, roleName: string | undefined): Promise<void> {
  if (roleName !== 'admin') return;
  const others = await User.countDocuments({ role: user.role, active: true, _id: { $ne: user._id } });
  if (others === 0) throw conflict('last_admin', 'The last active admin cannot be removed, deactivated or demoted');
}

/** Users CRUD. */
export const userRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/users', tag, summary: 'List users', auth: 'user', permission: ['read', 'User'],
    query: listUsersQuery,
    response: { status: 200, description: 'A page of users', schema: listOf(userSchema) },
    async handler({ auth, query }) {
      const filter: QueryFilter<UserDoc> = { ...accessibleBy(auth!.ability, 'read').ofType('User') };
      if (query.q) filter.$or = [{ name: { $regex: escapeRegex(query.q), $options: 'i' } }, { email: { $regex: escapeRegex(query.q.toLowerCase()) } }];
      if (query.role) filter.role = (await resolveRole(query.role))._id;
      if (query.active) filter.active = query.active === 'true';
      const { skip, limit } = paging(query);
      const [users, total] = await Promise.all([User.find(filter).sort({ createdAt: 1 }).skip(skip).limit(limit).lean(), User.countDocuments(filter)]);
      const roles = await roleNames(users.map((u) => u.role));
      return listResponse(users.map((u) => presentUser(u, roles.get(String(u.role)))), total, query);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/users/:id', tag, summary: 'Get a user', auth: 'user', permission: ['read', 'User'],
    params: userParams,
    response: { status: 200, description: 'The user', schema: userSchema },
    async handler({ params }) {
      const user = await loadUser(params.id);
      return presentUser(user, (await roleNames([user.role])).get(String(user.role)));
    },
  }),
  defineRoute({
    method: 'post', path: '/api/users', tag, summary: 'Create a user (role by name or id)', auth: 'user', permission: ['create', 'User'],
    body: createUserBody, audit: 'user.create',
    response: { status: 201, description: 'The new user', schema: userSchema },
    async handler({ auth, body, audit }) {
      const role = await resolveRole(body.role);
      assertCanOnUser(auth!, 'create', { roleId: role._id.toString(), roleName: role.name });
      if (await User.exists({ email: body.email })) throw conflict('email_taken', 'A user with this email already exists');
      const user = await User.create({
        name: body.name, email: body.email, role: role._id, locale: body.locale ?? 'es',
        // Someone else chose this password: the new user replaces it at first sign-in.
        passwordHash: await hashPassword(body.password), mustChangePassword: true,
      });
      audit.targetType = 'User';
      audit.targetId = user._id.toString();
      audit.details = { email: user.email, role: role.name };
      return presentUser(user.toObject(), role);
    },
  }),
  defineRoute({
    method: 'put', path: '/api/users/:id', tag, summary: 'Update a user', auth: 'user', permission: ['update', 'User'],
    params: userParams, body: updateUserBody, audit: 'user.update',
    response: { status: 200, description: 'The updated user', schema: userSchema },
    async handler({ deps, auth, params, body, audit }) {
      const user = await loadUser(params.id);
      const current = (await roleNames([user.role])).get(String(user.role));
      assertCanOnUser(auth!, 'update', { id: params.id, roleId: String(user.role), roleName: current?.name ?? '' });
      const set: Record<string, unknown> = {};
      const inc: Record<string, number> = {};
      let role = current;
      const demoted = (body.role !== undefined && body.role !== current?.name && body.role !== current?._id.toString()) || body.active === false;
      if (demoted) await assertNotLastAdmin(user, current?.name);
      if (body.role) {
        role = await resolveRole(body.role);
        assertCanOnUser(auth!, 'update', { id: params.id, roleId: role._id.toString(), roleName: role.name });
        set.role = role._id;
        inc.tokenVersion = 1;
      }
      if (body.email && body.email !== user.email) {
        if (await User.exists({ email: body.email, _id: { $ne: user._id } })) throw conflict('email_taken', 'A user with this email already exists');
        set.email = body.email;
      }
      if (body.name) set.name = body.name;
      if (body.locale) set.locale = body.locale;
      if (body.active !== undefined) {
        if (!body.active && params.id === auth!.user.id) throw badRequest('cannot_deactivate_self', 'You cannot deactivate yourself');
        set.active = body.active;
        if (!body.active) inc.tokenVersion = 1;
      }
      if (body.password) {
        set.passwordHash = await hashPassword(body.password);
        // A password set by someone else is temporary: its holder must replace it.
        if (params.id !== auth!.user.id) set.mustChangePassword = true;
        inc.tokenVersion = 1;
      }
      // updateOne + find: FerretDB rejects the projection mongoose adds to findAndModify for hidden fields.
      await User.updateOne({ _id: user._id }, { $set: set, ...(Object.keys(inc).length ? { $inc: inc } : {}) });
      const updated = await User.findById(user._id).lean();
      if (!updated) throw notFound('user');
      notifyUserChanged(deps, params.id);
      audit.targetType = 'User';
      audit.targetId = params.id;
      audit.details = { fields: Object.keys(body).filter((k) => k !== 'password').concat(body.password ? ['password'] : []) };
      return presentUser(updated, role);
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/users/:id', tag, summary: 'Delete a user (and their assignments)', auth: 'user', permission: ['delete', 'User'],
    params: userParams, audit: 'user.delete',
    response: { status: 204, description: 'Deleted' },
    async handler({ deps, auth, params, audit }) {
      if (params.id === auth!.user.id) throw badRequest('cannot_delete_self', 'You cannot delete yourself');
      const user = await loadUser(params.id);
      const role = (await roleNames([user.role])).get(String(user.role));
      assertCanOnUser(auth!, 'delete', { id: params.id, roleId: String(user.role), roleName: role?.name ?? '' });
      await assertNotLastAdmin(user, role?.name);
      await User.deleteOne({ _id: user._id });
      await Assignment.deleteMany({ userId: user._id });
      notifyUserChanged(deps, params.id);
      audit.targetType = 'User';
      audit.targetId = params.id;
      audit.details = { email: user.email };
      return undefined;
    },
  }),
];
