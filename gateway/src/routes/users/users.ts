import { Assignment, ChatPin, User, type UserDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';
import { conflict, notFound } from '../../errors.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { presentUser } from '../../presenters/users.ts';
import { userSchema } from '../auth/schema.ts';
import { escapeRegex, listOf, listResponse, paging } from '../common.ts';
import { notifyUserChanged } from '../../realtimeNotify.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { resolveRole, roleNames } from './roleLookup.ts';
import { createUserBody, listUsersQuery, updateUserBody, userParams } from './schema.ts';
import { authorize } from '../../policies/subjects.ts';
import { assertAdministratorRemains, assertMayActOn, assertMayGrant, assertNotSelf, loadUserTarget, userSubject, usersScope } from './userAccess.ts';

const tag = 'Users';

/**
 * Users CRUD. Every route acting on an account goes through userAccess.ts: the record rule,
 * "never a user or role with permissions you lack", no self-demotion, one administrator kept.
 */
export const userRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/users', tag, summary: 'List users (only those the caller may see: supervisors never see admins)', auth: 'user', permission: ['read', 'User'],
    record: 'User', query: listUsersQuery,
    response: { status: 200, description: 'A page of users', schema: listOf(userSchema) },
    async handler({ auth, query }) {
      const and: QueryFilter<UserDoc>[] = [await usersScope(auth!, 'read')];
      if (query.q) and.push({ $or: [{ name: { $regex: escapeRegex(query.q), $options: 'i' } }, { email: { $regex: escapeRegex(query.q.toLowerCase()) } }] });
      if (query.role) and.push({ role: (await resolveRole(query.role))._id });
      if (query.active) and.push({ active: query.active === 'true' });
      const filter: QueryFilter<UserDoc> = { $and: and };
      const { skip, limit } = paging(query);
      const [users, total] = await Promise.all([User.find(filter).sort({ createdAt: 1 }).skip(skip).limit(limit).lean(), User.countDocuments(filter)]);
      const roles = await roleNames(users.map((u) => u.role));
      return listResponse(users.map((u) => presentUser(u, roles.get(String(u.role)))), total, query);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/users/:id', tag, summary: 'Get a user', auth: 'user', permission: ['read', 'User'],
    record: 'User', params: userParams,
    response: { status: 200, description: 'The user', schema: userSchema },
    async handler({ auth, params }) {
      const target = await loadUserTarget(params.id);
      // Reading follows the role's rules, as the list does; acting also needs the permissions.
      authorize(auth, 'read', userSubject(target));
      return presentUser(target.user, target.role);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/users', tag, summary: 'Create a user (role by name or id; never a role with permissions the caller lacks)', auth: 'user', permission: ['create', 'User'],
    record: 'User', body: createUserBody, audit: 'user.create',
    response: { status: 201, description: 'The new user', schema: userSchema },
    async handler({ auth, body, audit }) {
      const role = await resolveRole(body.role);
      assertMayGrant(auth!, 'create', role);
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
    method: 'put', path: '/api/users/:id', tag, summary: 'Update a user (not your own role, activation or password: see change-password)', auth: 'user', permission: ['update', 'User'],
    record: 'User', params: userParams, body: updateUserBody, audit: 'user.update',
    response: { status: 200, description: 'The updated user; 403 `self_action_forbidden`, `exceeds_own_permissions`; 409 `last_admin`', schema: userSchema },
    async handler({ deps, auth, params, body, audit }) {
      const target = await loadUserTarget(params.id);
      const { user } = target;
      assertMayActOn(auth!, 'update', target);
      const set: Record<string, unknown> = {};
      const inc: Record<string, number> = {};
      let role = target.role;
      if (body.role !== undefined && body.role !== target.role?.name && body.role !== target.role?._id.toString()) {
        assertNotSelf(auth!, params.id, 'change_role');
        const next = await resolveRole(body.role);
        assertMayGrant(auth!, 'update', next, params.id);
        await assertAdministratorRemains(target, next);
        role = next;
        set.role = next._id;
        inc.tokenVersion = 1;
      }
      if (body.active === false && user.active) {
        assertNotSelf(auth!, params.id, 'deactivate');
        await assertAdministratorRemains(target);
      }
      if (body.active !== undefined) {
        set.active = body.active;
        if (!body.active) inc.tokenVersion = 1;
      }
      if (body.password) {
        assertNotSelf(auth!, params.id, 'reset_password');
        set.passwordHash = await hashPassword(body.password);
        // A password set by someone else is temporary: its holder must replace it.
        set.mustChangePassword = true;
        inc.tokenVersion = 1;
      }
      if (body.email && body.email !== user.email) {
        if (await User.exists({ email: body.email, _id: { $ne: user._id } })) throw conflict('email_taken', 'A user with this email already exists');
        set.email = body.email;
      }
      if (body.name) set.name = body.name;
      if (body.locale) set.locale = body.locale;
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
    method: 'delete', path: '/api/users/:id', tag, summary: 'Delete a user (and their assignments and pins); never yourself or the last administrator', auth: 'user', permission: ['delete', 'User'],
    record: 'User', params: userParams, audit: 'user.delete',
    response: { status: 204, description: 'Deleted; 403 `self_action_forbidden`, `exceeds_own_permissions`; 409 `last_admin`' },
    async handler({ deps, auth, params, audit }) {
      assertNotSelf(auth!, params.id, 'delete');
      const target = await loadUserTarget(params.id);
      assertMayActOn(auth!, 'delete', target);
      await assertAdministratorRemains(target);
      await User.deleteOne({ _id: target.user._id });
      await Promise.all([Assignment.deleteMany({ userId: target.user._id }), ChatPin.deleteMany({ userId: target.user._id })]);
      notifyUserChanged(deps, params.id);
      audit.targetType = 'User';
      audit.targetId = params.id;
      audit.details = { email: target.user.email };
      return undefined;
    },
  }),
];
