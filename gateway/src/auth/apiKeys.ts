import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyStatus } from '@switchboard/shared';

/**
 * The API key format (issue 15): `sk_` + 43 base64url characters (32 random bytes). Pure
 * helpers: making a key, recognising one, hashing it for the lookup, showing its prefix.
 */

/** What every key starts with. */
export const API_KEY_MARK = 'sk_';

/** Characters of the key kept for display and support (`sk_AbC12345…`); not enough to guess the rest. */
export const API_KEY_PREFIX_LENGTH = 8;

const KEY_PATTERN = /^sk_[A-Za-z0-9_-]{43}$/;

/** A freshly made key: the secret shown once, and what is stored. */
export interface NewApiKey {
  key: string;
  prefix: string;
  hash: string;
}

/**
 * SHA-256 (hex) of a key. A fast hash is the right one: a key has 256 bits of entropy, so no
 * offline guessing can succeed, and a slow hash (argon2, bcrypt) would cost every request.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** True for a string shaped like one of our keys (says nothing about whether it exists). */
export function isApiKey(candidate: string): boolean {
  return KEY_PATTERN.test(candidate);
}

/** True when a credential looks like an API key rather than a JWT (the `sk_` mark), even if malformed. */
export function looksLikeApiKey(candidate: string): boolean {
  return candidate.startsWith(API_KEY_MARK);
}

/** The stored display prefix of a key: the first characters after `sk_`. */
export function apiKeyPrefix(key: string): string {
  return key.slice(API_KEY_MARK.length, API_KEY_MARK.length + API_KEY_PREFIX_LENGTH);
}

/** How a key is shown in lists: `sk_` + prefix + an ellipsis. */
export function displayPrefix(prefix: string): string {
  return `${API_KEY_MARK}${prefix}…`;
}

/** Makes a new key from 32 random bytes (`random` is injectable for tests). */
export function generateApiKey(random: (n: number) => Buffer = randomBytes): NewApiKey {
  const key = API_KEY_MARK + random(32).toString('base64url');
  return { key, prefix: apiKeyPrefix(key), hash: hashApiKey(key) };
}

/** The status of a stored key at `now`. */
export function apiKeyStatus(k: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiKeyStatus {
  if (k.revokedAt) return 'revoked';
  if (k.expiresAt && k.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/**
 * The API key a request carries, if any: `X-API-Key: sk_…`, or `Authorization: Bearer sk_…`.
 * Anything else (a JWT, no header) is undefined and goes to the JWT path.
 */
export function apiKeyFromHeaders(headers: { authorization?: string | undefined; apiKey?: string | undefined }): string | undefined {
  const header = headers.apiKey?.trim();
  if (header) return header;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  return bearer && looksLikeApiKey(bearer) ? bearer : undefined;
}
