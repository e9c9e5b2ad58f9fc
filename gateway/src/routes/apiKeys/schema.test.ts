import { describe, expect, it } from 'vitest';
import { createApiKeyBody, withoutOperators } from './schema.ts';

describe('API key request schema', () => {
  it('accepts a key scoped to one session', () => {
    const body = createApiKeyBody.parse({
      name: ' CRM ventas ',
      permissions: [
        { action: 'send', subject: 'Message', conditions: { sessionId: 'ventas' } },
        { action: 'read', subject: 'Session', conditions: { sessionId: 'ventas' } },
      ],
      expiresAt: '2030-01-01T00:00:00Z',
    });
    expect(body.name).toBe('CRM ventas');
    expect(body.permissions).toHaveLength(2);
  });

  it('refuses no permissions, too many, an empty or long name, and a non-date expiry', () => {
    const one = [{ action: 'read', subject: 'Session' }];
    expect(createApiKeyBody.safeParse({ name: 'k', permissions: [] }).success).toBe(false);
    expect(createApiKeyBody.safeParse({ name: 'k', permissions: Array.from({ length: 51 }, () => one[0]) }).success).toBe(false);
    expect(createApiKeyBody.safeParse({ name: ' ', permissions: one }).success).toBe(false);
    expect(createApiKeyBody.safeParse({ name: 'x'.repeat(81), permissions: one }).success).toBe(false);
    expect(createApiKeyBody.safeParse({ name: 'k', permissions: one, expiresAt: 'tomorrow' }).success).toBe(false);
    expect(createApiKeyBody.safeParse({ name: 'k', permissions: one, expiresAt: null }).success).toBe(true);
  });

  it('refuses `$` operators in conditions at any depth (they cannot be stored everywhere)', () => {
    expect(withoutOperators({ sessionId: 'ventas' })).toBe(true);
    expect(withoutOperators(undefined)).toBe(true);
    expect(withoutOperators({ sessionId: { $in: ['a', 'b'] } })).toBe(false);
    expect(withoutOperators({ a: [{ b: { $ne: 1 } }] })).toBe(false);
    const res = createApiKeyBody.safeParse({ name: 'k', permissions: [{ action: 'read', subject: 'Session', conditions: { sessionId: { $in: ['a'] } } }] });
    expect(res.success).toBe(false);
  });
});
