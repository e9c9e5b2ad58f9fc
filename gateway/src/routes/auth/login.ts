import { Role, User } from '@switchboard/shared/node';
import { unauthorized } from '../../errors.ts';
import { signToken } from '../../auth/tokens.ts';
import { verifyPassword } from '../../auth/passwords.ts';
import { presentUser } from '../../presenters/users.ts';
import type { GatewayDeps } from '../../deps.ts';

/** Signs a token for a loaded user (claims: id, role, token version). */
export function tokenFor(deps: GatewayDeps, user: { _id: { toString(): string }; role: unknown; tokenVersion: number }): string {
  return signToken(
    { secret: deps.config.jwtSecret, expiresIn: deps.config.jwtExpiresIn },
    { sub: user._id.toString(), role: String(user.role), ver: user.tokenVersion },
  );
}

/**
 * Checks credentials with the same work for unknown, inactive and wrong-password cases, and
 * answers `{token, user}`. A user with `mustChangePassword` gets a token that only reaches
 * change-password, logout and /me.
 */
export async function login(deps: GatewayDeps, email: string, password: string) {
  const user = await User.findOne({ email }).select('+passwordHash').lean();
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok || !user.active) throw unauthorized('invalid_credentials', 'Email or password is incorrect');
  const now = deps.now();
  await User.updateOne({ _id: user._id }, { $set: { lastLoginAt: now } });
  const role = await Role.findById(user.role, { name: 1 }).lean();
  return { token: tokenFor(deps, user), user: presentUser({ ...user, lastLoginAt: now }, role) };
}
