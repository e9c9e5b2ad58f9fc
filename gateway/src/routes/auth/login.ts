import { Role, User } from '@switchboard/shared/node';
import { unauthorized } from '../../errors.ts';
import { accountLocked } from '../../auth/accountLimits.ts';
import { signToken } from '../../auth/tokens.ts';
import { verifyPassword } from '../../auth/passwords.ts';
import { recordAudit } from '../../middlewares/audit.ts';
import { presentUser } from '../../presenters/users.ts';
import type { GatewayDeps } from '../../deps.ts';

/** Where a sign-in attempt comes from (for the audit log). */
export interface LoginOrigin {
  ip: string;
  userAgent: string;
}

/** Signs a token for a loaded user (claims: id, role, token version). */
export function tokenFor(deps: GatewayDeps, user: { _id: { toString(): string }; role: unknown; tokenVersion: number }): string {
  return signToken(
    { secret: deps.config.jwtSecret, expiresIn: deps.config.jwtExpiresIn },
    { sub: user._id.toString(), role: String(user.role), ver: user.tokenVersion },
  );
}

/** Audits a refused sign-in: no actor (nobody proved who they are), the account as target, never the password. */
async function auditFailure(deps: GatewayDeps, origin: LoginOrigin, userId: string | undefined, reason: 'invalid_credentials' | 'account_locked'): Promise<void> {
  await recordAudit(deps, {
    userId: null,
    action: 'auth.login_failed',
    targetType: userId ? 'User' : null,
    targetId: userId ?? null,
    details: { reason, knownAccount: !!userId },
    ip: origin.ip,
    userAgent: origin.userAgent,
  }).catch(() => undefined); // logged by recordAudit; the refusal stands either way
}

/**
 * Checks credentials with the same work for unknown, inactive and wrong-password cases, and
 * answers `{token, user}`. A user with `mustChangePassword` gets a token that only reaches
 * change-password, logout and /me. Failures count per account across IPs: too many lock the
 * email (429 `account_locked`, known or not, so the answer tells nothing) and its owner is
 * emailed once per lock.
 */
export async function login(deps: GatewayDeps, email: string, password: string, origin: LoginOrigin) {
  const lockout = deps.accountLimits.login;
  const user = await User.findOne({ email }).select('+passwordHash').lean();
  const wait = lockout.lockedFor(email);
  if (wait > 0) {
    await auditFailure(deps, origin, user?._id.toString(), 'account_locked');
    throw accountLocked(wait);
  }
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok || !user.active) {
    const { lockedNow } = lockout.fail(email);
    await auditFailure(deps, origin, user?._id.toString(), 'invalid_credentials');
    if (lockedNow && user?.active) {
      const minutes = Math.round(lockout.lockedFor(email) / 60_000);
      deps.email.sendLater({ email: user.email, locale: user.locale }, 'accountLocked', {
        name: user.name,
        minutes,
        resetUrl: new URL('/forgot-password', deps.config.frontendUrl).toString(),
      });
    }
    throw unauthorized('invalid_credentials', 'Email or password is incorrect');
  }
  lockout.reset(email);
  const now = deps.now();
  await User.updateOne({ _id: user._id }, { $set: { lastLoginAt: now } });
  const role = await Role.findById(user.role, { name: 1 }).lean();
  return { token: tokenFor(deps, user), user: presentUser({ ...user, lastLoginAt: now }, role) };
}
