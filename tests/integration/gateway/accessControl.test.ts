/**
 * Issue 12, access control: nobody grants, holds by their own doing, or acts on permissions
 * they lack (compared by permission sets, not role names); record-level rules are applied
 * where a class-level check would pass; nobody can lock the system out.
 */
import { randomBytes } from 'node:crypto';
import type { Permission } from '@switchboard/shared';
import { hashPassword, Role, Session, User } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type ApiResponse, type GatewayWorld, type TestUser } from './support/harness.ts';

let w: GatewayWorld;
let admin: string;
let sup: string;

beforeAll(async () => {
  w = await openGateway('gw-access');
  admin = await w.login('admin');
  sup = await w.login('supervisor');
});
afterAll(async () => w?.close());

const uniq = () => randomBytes(3).toString('hex');

/** A role stored directly (setup), by name. */
async function role(name: string, permissions: Permission[]): Promise<string> {
  const doc = await Role.create({ name, permissions });
  return doc._id.toString();
}

/** A signed-in user holding `roleName` (no pending password change). */
async function userWith(roleName: string): Promise<TestUser & { token: string }> {
  const r = await Role.findOne({ name: roleName }).lean();
  const password = `Pw-${uniq()}-${uniq()}`;
  const email = `${roleName.toLowerCase()}-${uniq()}@test.local`;
  const u = await User.create({ name: roleName, email, role: r!._id, passwordHash: await hashPassword(password), locale: 'en' });
  const t: TestUser = { id: u._id.toString(), email, password, locale: 'en' };
  return { ...t, token: await w.login(t) };
}

const code = (res: ApiResponse) => [res.status, res.body?.error?.code];

describe('never more than you have', () => {
  it('stops a supervisor giving a custom all-powerful role to anyone, themselves included', async () => {
    await role('root-like', [{ action: 'manage', subject: 'all' }]);
    const create = await w.api('POST', '/api/users', { token: sup, body: { name: 'Evil', email: `evil-${uniq()}@test.local`, password: 'Evil-pass-123', role: 'root-like' } });
    expect(code(create)).toEqual([403, 'exceeds_own_permissions']);
    const promote = await w.api('PUT', `/api/users/${w.users.employee.id}`, { token: sup, body: { role: 'root-like' } });
    expect(code(promote)).toEqual([403, 'exceeds_own_permissions']);
    const self = await w.api('PUT', `/api/users/${w.users.supervisor.id}`, { token: sup, body: { role: 'root-like' } });
    expect(self.status).toBe(403);
    expect((await User.findById(w.users.employee.id).lean())!.role.toString()).not.toBe((await Role.findOne({ name: 'root-like' }).lean())!._id.toString());
  });

  it('stops a supervisor acting on a holder of permissions they lack: no reset, password, deactivation or deletion', async () => {
    await role('user-boss', [{ action: 'manage', subject: 'User' }]);
    const holder = await userWith('user-boss');
    for (const [method, path, body] of [
      ['POST', `/api/admin/users/${holder.id}/reset-password`, undefined],
      ['PUT', `/api/users/${holder.id}`, { password: 'Taken-over-123' }],
      ['PUT', `/api/users/${holder.id}`, { active: false }],
      ['PUT', `/api/users/${holder.id}`, { name: 'Renamed' }],
      ['DELETE', `/api/users/${holder.id}`, undefined],
    ] as const) {
      const res = await w.api(method, path, { token: sup, ...(body ? { body } : {}) });
      expect(code(res), `${method} ${path} ${JSON.stringify(body)}`).toEqual([403, 'exceeds_own_permissions']);
    }
    expect((await w.api('GET', '/api/auth/me', { token: holder.token })).status).toBe(200);
  });

  it('still lets a supervisor manage employees and fellow supervisors (nothing they lack)', async () => {
    const peer = await userWith('supervisor');
    expect((await w.api('PUT', `/api/users/${peer.id}`, { token: sup, body: { name: 'Peer' } })).status).toBe(200);
    const emp = await w.api('POST', '/api/users', { token: sup, body: { name: 'Emp', email: `emp-${uniq()}@test.local`, password: 'Emp-pass-123', role: 'employee' } });
    expect(emp.status).toBe(201);
    expect((await w.api('POST', `/api/admin/users/${emp.body.id}/reset-password`, { token: sup })).status).toBe(200);
  });

  it('hides admins from a supervisor: the list is filtered and the record refused', async () => {
    const list = await w.api('GET', '/api/users?limit=200', { token: sup });
    expect(list.status).toBe(200);
    const ids = list.body.data.map((u: { id: string }) => u.id);
    expect(ids).toContain(w.users.employee.id);
    expect(ids).not.toContain(w.users.admin.id);
    expect(list.body.data.every((u: { role: { name: string } }) => u.role.name !== 'admin')).toBe(true);
    expect(list.body.total).toBe(list.body.data.length);
    expect((await w.api('GET', `/api/users/${w.users.admin.id}`, { token: sup })).status).toBe(403);
    const all = await w.api('GET', '/api/users?limit=200', { token: admin });
    expect(all.body.data.map((u: { id: string }) => u.id)).toContain(w.users.admin.id);
  });

  it('stops anyone creating or editing a role to hold permissions they lack', async () => {
    await role('role-editor', [{ action: 'manage', subject: 'Role' }, { action: 'read', subject: 'Session' }]);
    const editor = await userWith('role-editor');
    const big = await w.api('POST', '/api/roles', { token: editor.token, body: { name: `big-${uniq()}`, permissions: [{ action: 'manage', subject: 'all' }] } });
    expect(code(big)).toEqual([403, 'exceeds_own_permissions']);
    const small = await w.api('POST', '/api/roles', { token: editor.token, body: { name: `small-${uniq()}`, permissions: [{ action: 'read', subject: 'Session' }] } });
    expect(small.status).toBe(201);
    const grow = await w.api('PUT', `/api/roles/${small.body.id}`, { token: editor.token, body: { permissions: [{ action: 'manage', subject: 'User' }] } });
    expect(code(grow)).toEqual([403, 'exceeds_own_permissions']);
    const self = await w.api('PUT', `/api/roles/${(await Role.findOne({ name: 'role-editor' }).lean())!._id.toString()}`, {
      token: editor.token,
      body: { permissions: [{ action: 'manage', subject: 'all' }] },
    });
    expect(code(self)).toEqual([403, 'exceeds_own_permissions']);
    const rootLike = await Role.findOne({ name: 'root-like' }).lean();
    expect(code(await w.api('PUT', `/api/roles/${rootLike!._id.toString()}`, { token: editor.token, body: { description: 'mine now' } }))).toEqual([403, 'exceeds_own_permissions']);
  });
});

describe('nobody locks the system out', () => {
  it('refuses an admin deleting, deactivating, re-roling or temp-resetting themselves, and keeps working', async () => {
    const me = w.users.admin.id;
    for (const [method, path, body] of [
      ['DELETE', `/api/users/${me}`, undefined],
      ['PUT', `/api/users/${me}`, { active: false }],
      ['PUT', `/api/users/${me}`, { role: 'employee' }],
      ['PUT', `/api/users/${me}`, { password: 'Mine-but-here-1' }],
      ['POST', `/api/admin/users/${me}/reset-password`, undefined],
    ] as const) {
      const res = await w.api(method, path, { token: admin, ...(body ? { body } : {}) });
      expect(code(res), `${method} ${path} ${JSON.stringify(body)}`).toEqual([403, 'self_action_forbidden']);
    }
    // The only admin's reset by a fuzzer locked everyone out: now every later request still works.
    expect((await w.api('GET', '/api/users', { token: admin })).status).toBe(200);
    const renamed = await w.api('PUT', `/api/users/${me}`, { token: admin, body: { name: 'Admin', role: 'admin' } });
    expect(renamed.status).toBe(200);
  });

  it('keeps one active user who can do everything, whatever their role is called', async () => {
    await role('owner', [{ action: 'manage', subject: 'all' }]);
    const owner = await userWith('owner');
    const other = await userWith('owner');
    // Another full administrator remains each time: allowed.
    expect((await w.api('PUT', `/api/users/${other.id}`, { token: owner.token, body: { active: false } })).status).toBe(200);
    const ownerRole = (await Role.findOne({ name: 'owner' }).lean())!._id.toString();
    // With the built-in admin deactivated too, the owner is the last one: weakening their role is refused.
    await User.updateOne({ _id: w.users.admin.id }, { $set: { active: false } });
    try {
      const weaken = await w.api('PUT', `/api/roles/${ownerRole}`, { token: owner.token, body: { permissions: [{ action: 'manage', subject: 'Session' }] } });
      expect(code(weaken)).toEqual([409, 'last_admin']);
      expect(code(await w.api('PUT', `/api/users/${owner.id}`, { token: owner.token, body: { role: 'supervisor' } }))).toEqual([403, 'self_action_forbidden']);
      // Renaming or describing the role is not weakening it.
      expect((await w.api('PUT', `/api/roles/${ownerRole}`, { token: owner.token, body: { description: 'does everything' } })).status).toBe(200);
    } finally {
      await User.updateOne({ _id: w.users.admin.id }, { $set: { active: true } });
    }
    // With the admin back, the same edit passes.
    expect((await w.api('PUT', `/api/roles/${ownerRole}`, { token: owner.token, body: { permissions: [{ action: 'manage', subject: 'Session' }] } })).status).toBe(200);
  });

  it('makes a password an admin sets temporary: the holder must change it, and their tokens are revoked', async () => {
    const emp = await userWith('employee');
    const res = await w.api('PUT', `/api/users/${emp.id}`, { token: admin, body: { password: 'Chosen-by-admin-1' } });
    expect(res.status).toBe(200);
    expect(res.body.mustChangePassword).toBe(true);
    expect((await w.api('GET', '/api/auth/me', { token: emp.token })).status).toBe(401);
    const fresh = await w.login({ ...emp, password: 'Chosen-by-admin-1' });
    expect(code(await w.api('GET', '/api/sessions', { token: fresh }))).toEqual([403, 'password_change_required']);
  });
});

describe('record-level rules where the class-level check passes', () => {
  it('creates only the sessions a role allows by id', async () => {
    await role('ventas-creator', [{ action: 'create', subject: 'Session', conditions: { sessionId: 'ventas-nueva' } }]);
    const u = await userWith('ventas-creator');
    const other = await w.api('POST', '/api/sessions', { token: u.token, body: { sessionId: `soporte-${uniq()}` } });
    expect(code(other)).toEqual([403, 'forbidden']);
    expect(await Session.countDocuments({ sessionId: /^soporte-/ })).toBe(0);
  });

  it('cleans up only the inactive sessions the caller may delete', async () => {
    await role('ventas-janitor', [{ action: 'delete', subject: 'Session', conditions: { sessionId: 'ventas-old' } }]);
    const u = await userWith('ventas-janitor');
    await Session.create({ sessionId: 'ventas-old', name: 'v', active: false, status: 'stopped' });
    await Session.create({ sessionId: 'soporte-old', name: 's', active: false, status: 'stopped' });
    const res = await w.api('POST', '/api/sessions/cleanup-inactive', { token: u.token, body: { olderThanDays: 0 } });
    expect(res.status).toBe(200);
    expect(res.body.removed).toEqual(['ventas-old']);
    expect(await Session.exists({ sessionId: 'soporte-old' })).toBeTruthy();
  });

  it('assigns chats only where the role allows assignments, and only chats the caller may read', async () => {
    await Session.create({ sessionId: 'ventas-a', name: 'v', active: false, status: 'stopped' });
    await Session.create({ sessionId: 'soporte-a', name: 's', active: false, status: 'stopped' });
    await role('ventas-assigner', [
      { action: 'read', subject: 'Session' },
      { action: 'read', subject: 'Chat', conditions: { sessionId: 'ventas-a' } },
      // (Two rules, not `$in`: FerretDB refuses to store keys starting with `$`.)
      { action: 'create', subject: 'Assignment', conditions: { sessionId: 'ventas-a' } },
      { action: 'create', subject: 'Assignment', conditions: { sessionId: 'soporte-a' } },
      { action: 'read', subject: 'User' },
    ]);
    const u = await userWith('ventas-assigner');
    const body = { chatId: '34600111222', userId: w.users.employee.id };
    expect((await w.api('POST', '/api/sessions/ventas-a/assignments', { token: u.token, body })).status).toBe(201);
    // Allowed to create assignments there, but not to read the chat it would hand out.
    expect(code(await w.api('POST', '/api/sessions/soporte-a/assignments', { token: u.token, body }))).toEqual([403, 'forbidden']);
    await role('ventas-only-assigner', [
      { action: 'read', subject: 'Session' },
      { action: 'read', subject: 'Chat' },
      { action: 'create', subject: 'Assignment', conditions: { sessionId: 'ventas-a' } },
    ]);
    const v = await userWith('ventas-only-assigner');
    expect(code(await w.api('POST', '/api/sessions/soporte-a/assignments', { token: v.token, body }))).toEqual([403, 'forbidden']);
  });

  it('reads only the users a role allows, one by one as in the list', async () => {
    await role('self-reader', [{ action: 'read', subject: 'User', conditions: { _id: '${user.id}' } }]);
    const u = await userWith('self-reader');
    expect(code(await w.api('GET', `/api/users/${w.users.employee.id}`, { token: u.token }))).toEqual([403, 'forbidden']);
    expect((await w.api('GET', `/api/users/${u.id}`, { token: u.token })).status).toBe(200);
    const list = await w.api('GET', '/api/users', { token: u.token });
    expect(list.body.data.map((x: { id: string }) => x.id)).toEqual([u.id]);
  });
});
