import { Role, User } from '@switchboard/shared/node';
import { forbidden, tooManyRequests, unauthorized } from '../../errors.ts';
import { accountLocked, retrySeconds } from '../../auth/accountLimits.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { presentMe } from '../../presenters/me.ts';
import { presentUser } from '../../presenters/users.ts';
import { okSchema } from '../common.ts';
import { notifyUserChanged } from '../../realtimeNotify.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { login, tokenFor } from './login.ts';
import { completeReset, requestReset } from './passwordReset.ts';
import { changeBody, forgotBody, loginBody, meSchema, resetBody, tokenResponse, updateMeBody } from './schema.ts';

const tag = 'Auth';

/**
 * Authentication routes: login, logout, me (read and update), forgot/reset/change password.
 * The signed-in routes are about a person's own account: API keys are refused (`humanOnly`).
 */
export const authRoutes: RouteDef[] = [
  defineRoute({
    method: 'post', path: '/api/auth/login', tag, summary: 'Sign in with email and password',
    auth: 'public', rateLimit: 'login', body: loginBody, audit: 'auth.login',
    response: { status: 200, description: 'A JWT and the user', schema: tokenResponse },
    async handler({ deps, body, audit, ip, userAgent }) {
      const out = await login(deps, body.email, body.password, { ip, userAgent });
      audit.userId = out.user.id;
      audit.targetType = 'User';
      audit.targetId = out.user.id;
      return out;
    },
  }),
  defineRoute({
    method: 'post', path: '/api/auth/logout', tag, summary: 'Sign out everywhere (revokes every token of the user)',
    auth: 'user-pending-password', humanOnly: true, audit: 'auth.logout',
    response: { status: 200, description: 'Signed out', schema: okSchema },
    async handler({ deps, auth, audit }) {
      await User.updateOne({ _id: auth!.user._id }, { $inc: { tokenVersion: 1 } });
      notifyUserChanged(deps, auth!.user.id);
      audit.targetType = 'User';
      audit.targetId = auth!.user.id;
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/auth/me', tag, summary: 'The signed-in user and their permission rules',
    auth: 'user-pending-password', humanOnly: true,
    response: { status: 200, description: 'The user with `rules` (CASL rules, placeholders expanded)', schema: meSchema },
    async handler({ auth }) {
      const user = await User.findById(auth!.user._id).lean();
      if (!user) throw unauthorized('token_revoked', 'The token has been revoked');
      return presentMe(user, await Role.findById(user.role, { name: 1 }).lean(), auth!.ability);
    },
  }),
  defineRoute({
    method: 'put', path: '/api/auth/me', tag, summary: 'Change your own name or language',
    auth: 'user-pending-password', humanOnly: true, body: updateMeBody, audit: 'auth.update_profile',
    response: { status: 200, description: 'The updated user with `rules`', schema: meSchema },
    async handler({ auth, body, audit }) {
      // The language is needed on the change-password screen; everything else waits for it.
      if (body.name !== undefined && auth!.user.mustChangePassword) {
        throw forbidden('password_change_required', 'You must change your password before continuing');
      }
      const $set = { ...(body.name !== undefined ? { name: body.name } : {}), ...(body.locale ? { locale: body.locale } : {}) };
      if (Object.keys($set).length > 0) await User.updateOne({ _id: auth!.user._id }, { $set });
      const user = await User.findById(auth!.user._id).lean();
      if (!user) throw unauthorized('token_revoked', 'The token has been revoked');
      audit.targetType = 'User';
      audit.targetId = auth!.user.id;
      audit.details = { fields: Object.keys($set) };
      return presentMe(user, await Role.findById(user.role, { name: 1 }).lean(), auth!.ability);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/auth/forgot-password', tag, summary: 'Email a password reset link (same answer for unknown emails)',
    auth: 'public', rateLimit: 'forgotPassword', body: forgotBody, audit: 'auth.forgot_password',
    response: { status: 202, description: 'Accepted; 429 `rate_limited` past the per-IP or per-email quota', schema: okSchema },
    async handler({ deps, body, audit }) {
      // Per email as well as per IP: nobody floods one mailbox from many addresses.
      const wait = deps.accountLimits.forgotPassword.take(body.email);
      if (wait > 0) throw tooManyRequests(retrySeconds(wait));
      const userId = await requestReset(deps, body.email);
      if (userId) {
        // Anyone can ask for someone's reset link: the account is the target, never the actor.
        audit.targetType = 'User';
        audit.targetId = userId;
      }
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/auth/reset-password', tag, summary: 'Set a new password with a reset token',
    auth: 'public', rateLimit: 'resetPassword', body: resetBody, audit: 'auth.reset_password',
    response: { status: 200, description: 'Password changed; every token revoked', schema: okSchema },
    async handler({ deps, body, audit }) {
      const { userId, email } = await completeReset(deps, body.token, body.password);
      // Whoever holds the emailed link owns the mailbox: a new password lifts a sign-in lockout.
      deps.accountLimits.login.reset(email);
      notifyUserChanged(deps, userId);
      audit.userId = userId;
      audit.targetType = 'User';
      audit.targetId = userId;
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/auth/change-password', tag, summary: 'Change the password (revokes other tokens, returns a new one)',
    auth: 'user-pending-password', humanOnly: true, rateLimit: 'login', body: changeBody, audit: 'auth.change_password',
    response: { status: 200, description: 'A new JWT and the user', schema: tokenResponse },
    async handler({ deps, auth, body, audit }) {
      // Guessing the current password with a stolen token counts like guessing it at sign-in.
      const lockout = deps.accountLimits.login;
      const wait = lockout.lockedFor(auth!.user.email);
      if (wait > 0) throw accountLocked(wait);
      const current = await User.findById(auth!.user._id).select('+passwordHash').lean();
      if (!current || !(await verifyPassword(current.passwordHash, body.currentPassword))) {
        lockout.fail(auth!.user.email);
        throw unauthorized('invalid_credentials', 'The current password is incorrect');
      }
      lockout.reset(current.email);
      const passwordHash = await hashPassword(body.newPassword);
      // updateOne + find: see completeReset (FerretDB and hidden fields in findAndModify).
      await User.updateOne({ _id: current._id }, { $set: { passwordHash, mustChangePassword: false }, $inc: { tokenVersion: 1 } });
      const user = await User.findById(current._id).lean();
      if (!user) throw unauthorized('token_revoked', 'The token has been revoked');
      deps.email.sendLater({ email: user.email, locale: user.locale }, 'passwordChanged', { name: user.name });
      notifyUserChanged(deps, auth!.user.id);
      audit.targetType = 'User';
      audit.targetId = auth!.user.id;
      return { token: tokenFor(deps, user), user: presentUser(user, await Role.findById(user.role, { name: 1 }).lean()) };
    },
  }),
];
