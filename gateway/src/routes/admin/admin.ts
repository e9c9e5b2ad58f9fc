import { User } from '@switchboard/shared/node';
import { hashPassword, temporaryPassword } from '../../auth/passwords.ts';
import { assertMayActOn, assertNotSelf, loadUserTarget } from '../users/userAccess.ts';
import { notifyUserChanged } from '../../realtimeNotify.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { buildDashboard, buildHealth } from './dashboard.ts';
import { adminResetResponse, adminUserParams, dashboardQuery, dashboardSchema, healthSchema } from './schema.ts';

const tag = 'Administration';

/** Administration: dashboard, admin password reset, system health. */
export const adminRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/admin/dashboard', tag, summary: 'Dashboard figures', auth: 'user', permission: ['read', 'Dashboard'],
    // Its recent activity is audit entries: only those the caller may read.
    record: 'AuditLog', query: dashboardQuery,
    response: { status: 200, description: 'Dashboard', schema: dashboardSchema },
    handler: async ({ deps, auth, query }) => buildDashboard(deps, auth!, query.tz),
  }),
  defineRoute({
    method: 'post', path: '/api/admin/users/:userId/reset-password', tag, summary: 'Set a temporary password (emailed; must be changed at next login); not your own (use change-password)', auth: 'user', permission: ['update', 'User'],
    record: 'User', params: adminUserParams, audit: 'admin.reset_password',
    response: { status: 200, description: 'Reset; every token of the user revoked. 403 `self_action_forbidden`, `exceeds_own_permissions`', schema: adminResetResponse },
    async handler({ deps, auth, params, audit }) {
      // Resetting yourself would sign you out with a password only your mailbox knows: with
      // one administrator and no working email, nobody could sign in to manage anything again.
      assertNotSelf(auth!, params.userId, 'reset_password');
      const target = await loadUserTarget(params.userId);
      const { user } = target;
      assertMayActOn(auth!, 'update', target);
      const password = temporaryPassword();
      await User.updateOne({ _id: user._id }, { $set: { passwordHash: await hashPassword(password), mustChangePassword: true }, $inc: { tokenVersion: 1 } });
      // A fresh password ends a sign-in lockout too (the user is told to sign in with it).
      deps.accountLimits.login.reset(user.email);
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
