import { BUILT_IN_ROLE_PERMISSIONS } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import type { AuthContext } from '../auth/authContext.ts';
import { defineAbilityFor } from '../policies/defineAbilityFor.ts';
import { authorize, subjects } from '../policies/subjects.ts';
import { defineRoute, type RouteContext } from './types.ts';

/** A fresh caller per request, as `authenticate` loads one. */
const caller = (): AuthContext =>
  ({ user: { id: 'u1' }, ability: defineAbilityFor({ id: 'u1' }, { name: 'supervisor', permissions: BUILT_IN_ROLE_PERMISSIONS.supervisor }, []) }) as unknown as AuthContext;

const rc = (auth: AuthContext) => ({ auth, params: { sessionId: 's1' } }) as unknown as RouteContext<unknown, unknown, unknown>;

describe('defineRoute with a record', () => {
  const base = { method: 'get', path: '/api/things/:sessionId', tag: 'T', summary: 'A thing', auth: 'user', permission: ['read', 'Session'], record: 'Session', response: { status: 200, description: 'ok' } } as const;

  it('fails with 500 record_unchecked when the handler answered without a record-level check', async () => {
    const route = defineRoute({ ...base, handler: async () => ({ secret: true }) });
    await expect(route.handler(rc(caller()))).rejects.toMatchObject({ status: 500, code: 'record_unchecked' });
  });

  it('answers when the handler checked the record, and each request starts unchecked', async () => {
    const route = defineRoute({
      ...base,
      handler: async ({ auth, params }) => {
        authorize(auth, 'read', subjects.session((params as unknown as { sessionId: string }).sessionId));
        return { ok: true };
      },
    });
    await expect(route.handler(rc(caller()))).resolves.toEqual({ ok: true });
    const unchecked = defineRoute({ ...base, handler: async () => ({}) });
    await expect(unchecked.handler(rc(caller()))).rejects.toMatchObject({ code: 'record_unchecked' });
  });
});
