import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

let w: GatewayWorld;
let admin: string;

beforeAll(async () => {
  w = await openGateway('gw-users');
  admin = await w.login('admin');
});
afterAll(async () => w?.close());

/** First sign-in of a user an admin created: the admin-chosen password must be replaced first. */
async function firstLogin(id: string, email: string, password: string, newPassword: string): Promise<string> {
  const temporary = await w.login({ id, email, password, locale: 'es' });
  expect((await w.api('GET', '/api/users', { token: temporary })).body.error.code).toBe('password_change_required');
  const changed = await w.api('POST', '/api/auth/change-password', { token: temporary, body: { currentPassword: password, newPassword } });
  expect(changed.status).toBe(200);
  return changed.body.token as string;
}

describe('users and roles', () => {
  it('creates users with a role given by name or id and lists them with filters', async () => {
    const roles = await w.api('GET', '/api/roles', { token: admin });
    const supervisorRole = roles.body.data.find((r: { name: string }) => r.name === 'supervisor');
    const byId = await w.api('POST', '/api/users', { token: admin, body: { name: 'Marta Gil', email: 'Marta@Test.local', password: 'Marta-pass-1', role: supervisorRole.id, locale: 'en' } });
    expect(byId.status).toBe(201);
    expect(byId.body).toMatchObject({ email: 'marta@test.local', role: { name: 'supervisor' }, locale: 'en', active: true });
    expect(byId.body).not.toHaveProperty('passwordHash');
    const unknown = await w.api('POST', '/api/users', { token: admin, body: { name: 'X', email: 'x@test.local', password: 'X-pass-1234', role: 'ghost' } });
    expect(unknown.body.error.code).toBe('unknown_role');
    const dup = await w.api('POST', '/api/users', { token: admin, body: { name: 'X', email: 'marta@test.local', password: 'X-pass-1234', role: 'employee' } });
    expect(dup.status).toBe(409);

    const search = await w.api('GET', '/api/users?q=marta', { token: admin });
    expect(search.body.data.map((u: { email: string }) => u.email)).toEqual(['marta@test.local']);
    const supervisors = await w.api('GET', '/api/users?role=supervisor&limit=1&page=2', { token: admin });
    expect(supervisors.body).toMatchObject({ total: 2, page: 2, limit: 1 });
    expect(supervisors.body.data).toHaveLength(1);
  });

  it('revokes the tokens of a deactivated user and refuses their login', async () => {
    const token = await w.login('outsider');
    const off = await w.api('PUT', `/api/users/${w.users.outsider.id}`, { token: admin, body: { active: false } });
    expect(off.status).toBe(200);
    expect((await w.api('GET', '/api/auth/me', { token })).status).toBe(401);
    const login = await w.api('POST', '/api/auth/login', { body: { email: w.users.outsider.email, password: w.users.outsider.password } });
    expect(login.body.error.code).toBe('invalid_credentials');
  });

  it('never lets an admin demote themselves; another admin may remove them', async () => {
    const demote = await w.api('PUT', `/api/users/${w.users.admin.id}`, { token: admin, body: { role: 'employee' } });
    expect(demote.status).toBe(403);
    expect(demote.body.error.code).toBe('self_action_forbidden');
    const second = await w.api('POST', '/api/users', { token: admin, body: { name: 'Admin Dos', email: 'admin2@test.local', password: 'Admin2-pass-1', role: 'admin' } });
    expect(second.body.mustChangePassword).toBe(true);
    const token2 = await firstLogin(second.body.id, 'admin2@test.local', 'Admin2-pass-1', 'Admin2-own-pass-2');
    expect((await w.api('DELETE', `/api/users/${w.users.admin.id}`, { token: token2 })).status).toBe(204);
    const self = await w.api('PUT', `/api/users/${second.body.id}`, { token: token2, body: { role: 'supervisor' } });
    expect(self.body.error.code).toBe('self_action_forbidden');
  });

  it('keeps built-in roles read-only and role names unique', async () => {
    const token = await w.login({ id: '', email: 'admin2@test.local', password: 'Admin2-own-pass-2', locale: 'es' });
    const roles = await w.api('GET', '/api/roles', { token });
    const builtIn = roles.body.data.find((r: { name: string }) => r.name === 'employee');
    expect((await w.api('PUT', `/api/roles/${builtIn.id}`, { token, body: { permissions: [] } })).body.error.code).toBe('built_in_role');
    expect((await w.api('POST', '/api/roles', { token, body: { name: 'Admin', permissions: [] } })).body.error.code).toBe('role_exists');
  });
});
