import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

let w: GatewayWorld;
let admin: string;

beforeAll(async () => {
  w = await openGateway('gw-audit');
  admin = await w.login('admin');
});
afterAll(async () => w?.close());

describe('audit log', () => {
  it('records who did what to which target, from where, without secrets', async () => {
    const created = await w.api('POST', '/api/users', {
      token: admin,
      headers: { 'user-agent': 'audit-test/1.0' },
      body: { name: 'Luis', email: 'luis@test.local', password: 'Luis-pass-123', role: 'employee' },
    });
    expect(created.status).toBe(201);
    const res = await w.api('GET', `/api/audit?action=user.create&targetId=${created.body.id}`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.data[0]).toMatchObject({
      userId: w.users.admin.id,
      action: 'user.create',
      targetType: 'User',
      targetId: created.body.id,
      ip: '127.0.0.1',
      userAgent: 'audit-test/1.0',
      details: { email: 'luis@test.local', role: 'employee' },
    });
    expect(JSON.stringify(res.body)).not.toContain('Luis-pass-123');
  });

  it('records role, assignment and session changes and filters by time range', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const role = await w.api('POST', '/api/roles', { token: admin, body: { name: 'auditor', permissions: [{ action: 'read', subject: 'AuditLog' }] } });
    expect(role.status).toBe(201);
    await w.api('PUT', `/api/roles/${role.body.id}`, { token: admin, body: { description: 'reads the audit log' } });
    const list = await w.api('GET', `/api/audit?from=${encodeURIComponent(from)}&targetType=Role`, { token: admin });
    expect(list.body.data.map((e: { action: string }) => e.action)).toEqual(['role.update', 'role.create']);
    const future = await w.api('GET', `/api/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, { token: admin });
    expect(future.body.total).toBe(0);
  });

  it('does not audit failed requests', async () => {
    const bad = await w.api('POST', '/api/users', { token: admin, body: { name: 'x', email: 'luis@test.local', password: 'Luis-pass-123', role: 'employee' } });
    expect(bad.status).toBe(409);
    expect(bad.body.error.code).toBe('email_taken');
    const res = await w.api('GET', '/api/audit?action=user.create', { token: admin });
    expect(res.body.total).toBe(1);
  });

  it('records failed sign-ins with no actor, the account as target and never the password', async () => {
    const bad = await w.api('POST', '/api/auth/login', { body: { email: w.users.employee.email, password: 'Wrong-secret-42' } });
    expect(bad.status).toBe(401);
    const unknown = await w.api('POST', '/api/auth/login', { body: { email: 'ghost@test.local', password: 'Wrong-secret-43' } });
    expect(unknown.status).toBe(401);
    const res = await w.api('GET', '/api/audit?action=auth.login_failed', { token: admin });
    expect(res.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: null, targetType: 'User', targetId: w.users.employee.id, details: { reason: 'invalid_credentials', knownAccount: true } }),
        expect.objectContaining({ userId: null, targetType: null, targetId: null, details: { reason: 'invalid_credentials', knownAccount: false } }),
      ]),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/Wrong-secret/);
  });

  it('records refused requests (403) with the caller and what they tried', async () => {
    const emp = await w.login('employee');
    const refused = await w.api('DELETE', `/api/users/${w.users.admin.id}`, { token: emp });
    expect(refused.status).toBe(403);
    const res = await w.api('GET', `/api/audit?action=auth.forbidden&userId=${w.users.employee.id}`, { token: admin });
    expect(res.body.data[0]).toMatchObject({ userId: w.users.employee.id, details: { method: 'DELETE', path: `/api/users/${w.users.admin.id}`, code: 'forbidden' } });
  });

  it('names nobody as the actor of a forgot-password request, only its target', async () => {
    expect((await w.api('POST', '/api/auth/forgot-password', { body: { email: w.users.supervisor.email } })).status).toBe(202);
    const res = await w.api('GET', `/api/audit?action=auth.forgot_password&targetId=${w.users.supervisor.id}`, { token: admin });
    expect(res.body.data).toEqual([expect.objectContaining({ userId: null, targetType: 'User', targetId: w.users.supervisor.id })]);
  });

  it('lets a custom role with granular permissions read the audit log and nothing else', async () => {
    const created = await w.api('POST', '/api/users', { token: admin, body: { name: 'Aud', email: 'aud@test.local', password: 'Aud-pass-1234', role: 'auditor' } });
    expect(created.status).toBe(201);
    const first = await w.login({ id: created.body.id, email: 'aud@test.local', password: 'Aud-pass-1234', locale: 'es' });
    // A password chosen by an admin must be replaced at first sign-in.
    expect((await w.api('GET', '/api/audit', { token: first })).body.error.code).toBe('password_change_required');
    const changed = await w.api('POST', '/api/auth/change-password', { token: first, body: { currentPassword: 'Aud-pass-1234', newPassword: 'Aud-own-pass-99' } });
    expect(changed.status).toBe(200);
    const token = changed.body.token as string;
    expect((await w.api('GET', '/api/audit', { token })).status).toBe(200);
    expect((await w.api('GET', '/api/users', { token })).status).toBe(403);
    expect((await w.api('GET', '/api/sessions/stats', { token })).status).toBe(403);
  });
});
