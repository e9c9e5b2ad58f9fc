import { describe, expect, it } from 'vitest';
import { hashPassword, temporaryPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'correct horse')).toBe(true);
    expect(await verifyPassword(hash, 'wrong')).toBe(false);
  });

  it('answers false for unknown users and malformed hashes without throwing', async () => {
    expect(await verifyPassword(undefined, 'anything')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });

  it('makes 16-character URL-safe temporary passwords', () => {
    const a = temporaryPassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(temporaryPassword()).not.toBe(a);
  });
});
