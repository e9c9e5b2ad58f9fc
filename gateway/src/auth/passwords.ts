import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { hashPassword as sharedHash } from '@switchboard/shared/node';

let dummyHash: Promise<string> | undefined;

/** Hashes a password with argon2id, with the same parameters as the seed (one policy everywhere). */
export function hashPassword(password: string): Promise<string> {
  return sharedHash(password);
}

/**
 * Verifies a password. With no stored hash (unknown user) it verifies against a dummy hash made
 * with the same parameters, so both answers cost the same work, then returns false.
 */
export async function verifyPassword(hash: string | undefined | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A random temporary password (16 characters, URL-safe) for admin resets. */
export function temporaryPassword(): string {
  return randomBytes(12).toString('base64url');
}
