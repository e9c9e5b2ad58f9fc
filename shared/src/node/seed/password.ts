import { randomInt } from 'node:crypto';
import argon2 from 'argon2';

/** Hashes a password with argon2id (memory-hard; library defaults: 64 MiB, t=3, p=4). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Checks a password against an argon2 hash; false for a missing or malformed hash. */
export async function verifyPassword(hash: string | undefined | null, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * A strong random password: `length` characters from an unambiguous alphabet (no 0/O, 1/l/I),
 * about 5.8 bits each, so the default 20 gives ~117 bits.
 */
export function generatePassword(length = 20): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
