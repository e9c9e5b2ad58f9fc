import { createHash, randomBytes } from 'node:crypto';

/** How long a password reset token is valid. */
export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

/** A new random reset token (sent by email) and the hash stored in the database. */
export function newResetToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashResetToken(token) };
}

/** SHA-256 of a reset token, hex. */
export function hashResetToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
