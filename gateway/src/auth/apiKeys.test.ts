import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeyFromHeaders, apiKeyPrefix, apiKeyStatus, displayPrefix, generateApiKey, hashApiKey, isApiKey, looksLikeApiKey } from './apiKeys.ts';

describe('API key format', () => {
  it('makes sk_ + 43 base64url characters from 32 random bytes, with its prefix and SHA-256', () => {
    const bytes = Buffer.alloc(32, 0xfb);
    const made = generateApiKey(() => bytes);
    expect(made.key).toBe(`sk_${bytes.toString('base64url')}`);
    expect(made.key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(made.prefix).toBe(made.key.slice(3, 11));
    expect(made.hash).toBe(createHash('sha256').update(made.key).digest('hex'));
    expect(made.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('makes a different key each time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiKey().key));
    expect(keys.size).toBe(50);
  });

  it('recognises well-formed keys only', () => {
    const { key } = generateApiKey();
    expect(isApiKey(key)).toBe(true);
    expect(isApiKey(key.slice(0, -1))).toBe(false);
    expect(isApiKey(`${key}x`)).toBe(false);
    expect(isApiKey(key.replace('sk_', 'pk_'))).toBe(false);
    expect(isApiKey(`sk_${'a'.repeat(42)}=`)).toBe(false);
    expect(looksLikeApiKey('sk_short')).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.x.y')).toBe(false);
  });

  it('hashes the same key to the same digest, and different keys apart', () => {
    const a = generateApiKey().key;
    expect(hashApiKey(a)).toBe(hashApiKey(a));
    expect(hashApiKey(a)).not.toBe(hashApiKey(generateApiKey().key));
  });

  it('shows a key as sk_ + its 8-character prefix and an ellipsis', () => {
    const key = `sk_AbC12345${'x'.repeat(35)}`;
    expect(apiKeyPrefix(key)).toBe('AbC12345');
    expect(displayPrefix(apiKeyPrefix(key))).toBe('sk_AbC12345…');
  });
});

describe('API key status', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  it('is revoked before expired, expired at the expiry instant, active otherwise', () => {
    expect(apiKeyStatus({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(apiKeyStatus({ revokedAt: null, expiresAt: new Date(now.getTime() + 1) }, now)).toBe('active');
    expect(apiKeyStatus({ revokedAt: null, expiresAt: now }, now)).toBe('expired');
    expect(apiKeyStatus({ revokedAt: now, expiresAt: new Date(0) }, now)).toBe('revoked');
  });
});

describe('API key in request headers', () => {
  const key = generateApiKey().key;
  it('reads X-API-Key, or a bearer credential that starts with sk_', () => {
    expect(apiKeyFromHeaders({ apiKey: key })).toBe(key);
    expect(apiKeyFromHeaders({ authorization: `Bearer ${key}` })).toBe(key);
    expect(apiKeyFromHeaders({ authorization: `bearer  ${key} ` })).toBe(key);
    // X-API-Key wins when both are sent.
    expect(apiKeyFromHeaders({ apiKey: key, authorization: 'Bearer sk_other' })).toBe(key);
  });

  it('leaves JWTs and empty headers to the token path', () => {
    expect(apiKeyFromHeaders({ authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig' })).toBeUndefined();
    expect(apiKeyFromHeaders({ authorization: '', apiKey: '' })).toBeUndefined();
    expect(apiKeyFromHeaders({})).toBeUndefined();
  });

  it('hands a malformed sk_ credential to the key check (which refuses it) rather than the JWT check', () => {
    expect(apiKeyFromHeaders({ authorization: 'Bearer sk_bad' })).toBe('sk_bad');
    expect(apiKeyFromHeaders({ apiKey: 'not-a-key' })).toBe('not-a-key');
  });
});
