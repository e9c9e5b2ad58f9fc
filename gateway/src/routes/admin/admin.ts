import { Role, User } from '@switchboard/shared/node';
import { hashPassword, temporaryPassword } from '../../auth/passwords.ts';
import { notFound } from '../../errors.ts';
import { assertCanOnUser } from '../users/guard.ts';
import { notifyUserChanged } from '../../realtimeNotify.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { buildDashboard, buildHealth } from './dashboard.ts';
import { adminResetResponse, adminUserParams, dashboardSchema, healthSchema } from './schema.ts';

const tag = 'Administration';

/** Administration: dashboard, admin password reset, system health. */
export const adminRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/admin/dashboard', tag, summary: 'Dashboard figures', auth: 'user', permission: ['read', 'Dashboard'],
    response: { status: 200, description: 'Dashboard', schema: dashboardSchema },
    handler: async ({ deps }) => buildDashboard(deps),
  }),
  defineRoute({
    method: 'post', path: '/api/admin/users/:userId/reset-password', tag, summary: 'Set a temporary password (emailed; must be changed at next login)', auth: 'user', permission: ['update', 'User'],
    params: adminUserParams, audit: 'admin.reset_password',
    response: { status: 200, description: 'Reset; every token of the user revoked', schema: adminResetResponse },
    async handler({ deps, auth, params, audit }) {
      const user = await User.findById(params.userId).lean();
      if (!user) throw notFound('user');
      const role = await Role.findById(user.role, { name: 1 }).lean();
      assertCanOnUser(auth!, 'update', { id: params.userId, roleId: String(user.role), roleName: role?.name ?? '' });
      const password = temporaryPassword();
      await User.updateOne({ _id: user._id }, { $set: { passwordHash: await hashPassword(password), mustChangePassword: true }, $inc: { tokenVersion: 1 } });
      notifyUserChanged(deps, params.userId);
      let emailed = true;
      try {
        await deps.email.send({ email: user.email, locale: user.locale }, 'temporaryPassword', {
          name: user.name,
          password,
          loginUrl: new URL('/login', deps.config.frontendUrl).toString(),
        });
      } catch {
        emailed = false;
      }
      audit.targetType = 'User';
      audit.targetId = params.userId;
      audit.details = { emailed };
      // Without the email the admin is the only way the user can learn it (the password is already set).
      return emailed ? { ok: true, emailed } : { ok: true, emailed, temporaryPassword: password };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/admin/system/health', tag, summary: 'System health (database, memory, sessions)', auth: 'user', permission: ['read', 'System'],
    response: { status: 200, description: 'Health', schema: healthSchema },
    handler: async ({ deps }) => buildHealth(deps),
  }),
];
