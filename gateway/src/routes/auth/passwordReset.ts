import { PasswordResetToken, User } from '@switchboard/shared/node';
import { badRequest } from '../../errors.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { hashResetToken, newResetToken, RESET_TOKEN_TTL_MS } from '../../auth/resetTokens.ts';
import type { GatewayDeps } from '../../deps.ts';

/** Builds the link of a reset email on FRONTEND_URL. */
export function resetUrl(frontendUrl: string, token: string): string {
  const url = new URL('/reset-password', frontendUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

/**
 * Starts a password reset: for an active user, stores the token's hash (1 hour, single use)
 * and emails the link in the user's language. Answers the same way for unknown emails.
 * Returns the user id for the audit log, when there is one.
 */
export async function requestReset(deps: GatewayDeps, email: string): Promise<string | undefined> {
  const user = await User.findOne({ email }).lean();
  const { token, tokenHash } = newResetToken();
  if (!user || !user.active) return undefined;
  const now = deps.now();
  await PasswordResetToken.create({ userId: user._id, tokenHash, expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS) });
  deps.email.sendLater({ email: user.email, locale: user.locale }, 'passwordReset', {
    name: user.name,
    url: resetUrl(deps.config.frontendUrl, token),
    expiresMinutes: RESET_TOKEN_TTL_MS / 60_000,
  });
  return user._id.toString();
}

/**
 * Completes a reset: consumes the token atomically (unused, unexpired), sets the password,
 * clears `mustChangePassword` and revokes every token of the user. Returns the user's id and email.
 */
export async function completeReset(deps: GatewayDeps, token: string, password: string): Promise<{ userId: string; email: string }> {
  const now = deps.now();
  const consumed = await PasswordResetToken.findOneAndUpdate(
    { tokenHash: hashResetToken(token), usedAt: null, expiresAt: { $gt: now } },
    { $set: { usedAt: now } },
    { returnDocument: 'after' },
  ).lean();
  if (!consumed) throw badRequest('invalid_reset_token', 'The reset link is invalid, expired or already used');
  const passwordHash = await hashPassword(password);
  // updateOne + find, not findOneAndUpdate: the hidden passwordHash field makes mongoose send a
  // findAndModify projection, which FerretDB does not implement.
  const updated = await User.updateOne(
    { _id: consumed.userId, active: true },
    { $set: { passwordHash, mustChangePassword: false }, $inc: { tokenVersion: 1 } },
  );
  const user = updated.matchedCount === 1 ? await User.findById(consumed.userId).lean() : null;
  if (!user) throw badRequest('invalid_reset_token', 'The reset link is invalid, expired or already used');
  // Other outstanding reset links of this user stop working too.
  await PasswordResetToken.updateMany({ userId: user._id, usedAt: null }, { $set: { usedAt: now } });
  deps.email.sendLater({ email: user.email, locale: user.locale }, 'passwordResetDone', { name: user.name });
  return { userId: user._id.toString(), email: user.email };
}
