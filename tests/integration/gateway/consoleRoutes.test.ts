/**
 * REST the console needs, against the real database and a real Supervisor (no actors run
 * here; sessions that need one are in sessionLifecycle.test.ts): the caller's rules, profile
 * updates, session search and sorting, rename and stop, role deletion, audit with user names,
 * and the dashboard's rates and alerts.
 */
import { Assignment, AuditLog, Message, Role, Session, User } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfDayIn } from '../../../gateway/src/routes/admin/startOfDay.ts';
import { openGateway, type GatewayWorld } from './support/harness.ts';

let w: GatewayWorld;
let admin: string;

beforeAll(async () => {
  w = await openGateway('gw-console');
  admin = await w.login('admin');
});
afterAll(async () => w?.close());

describe('GET and PUT /api/auth/me', () => {
  it('gives each caller their own rules, with assignments and the user id expanded', async () => {
    const me = await w.api('GET', '/api/auth/me', { token: admin });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: w.users.admin.id, email: 'admin@test.local', role: { name: 'admin' } });
    expect(me.body.rules).toEqual([{ action: 'manage', subject: 'all' }]);

    await Assignment.create({ sessionId: 'me-s1', chatId: '34611000001@s.whatsapp.net', userId: w.users.employee.id });
    const emp = await w.api('GET', '/api/auth/me', { token: await w.login('employee') });
    const rules = emp.body.rules as { action: string; subject: string; conditions?: Record<string, unknown> }[];
    expect(rules).toContainEqual({ action: 'read', subject: 'Session', conditions: { sessionId: { $in: ['me-s1'] } } });
    expect(rules).toContainEqual({ action: 'read', subject: 'Chat', conditions: { sessionId: 'me-s1', jid: { $in: ['34611000001@s.whatsapp.net'] } } });
    const text = JSON.stringify(rules);
    expect(text).not.toContain('"assigned"');
    expect(text).not.toContain('${user.id}');
  });

  it('lets a user change their own name and language, and audits it', async () => {
    const token = await w.login('supervisor');
    const res = await w.api('PUT', '/api/auth/me', { token, body: { name: '  Sofía  ', locale: 'en' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: w.users.supervisor.id, name: 'Sofía', locale: 'en', rules: expect.any(Array) });
    expect(await User.findById(w.users.supervisor.id).lean()).toMatchObject({ name: 'Sofía', locale: 'en' });
    const audit = await w.api('GET', `/api/audit?action=auth.update_profile&targetId=${w.users.supervisor.id}`, { token: admin });
    expect(audit.body.data[0]).toMatchObject({ userId: w.users.supervisor.id, details: { fields: ['name', 'locale'] } });
    const bad = await w.api('PUT', '/api/auth/me', { token, body: { locale: 'fr' } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
  });

  it('lets a user with a temporary password pick a language but not change anything else', async () => {
    await User.updateOne({ _id: w.users.outsider.id }, { $set: { mustChangePassword: true } });
    const token = await w.login('outsider');
    const locale = await w.api('PUT', '/api/auth/me', { token, body: { locale: 'es' } });
    expect([locale.status, locale.body.locale]).toEqual([200, 'es']);
    const name = await w.api('PUT', '/api/auth/me', { token, body: { name: 'Someone else' } });
    expect([name.status, name.body.error.code]).toEqual([403, 'password_change_required']);
    await User.updateOne({ _id: w.users.outsider.id }, { $set: { mustChangePassword: false } });
  });
});

describe('GET /api/sessions search and sort', () => {
  beforeAll(async () => {
    const day = (d: number) => new Date(Date.UTC(2025, 0, d));
    await Session.create([
      { sessionId: 'list-a', name: 'Ventas Norte', status: 'stopped', active: false, metrics: { lastActivityAt: day(3), messagesReceived: 7, messagesSent: 2, lastConnectedAt: day(2), lastDisconnectCause: 'connection_lost' } },
      { sessionId: 'list-b', name: 'Soporte (a.b)', status: 'logged_out', active: false, metrics: { lastActivityAt: day(5) } },
      { sessionId: 'list-c', name: 'ventas sur', status: 'created', active: false, metrics: { lastActivityAt: day(1) } },
    ]);
  });

  it('finds sessions whose name or id contains the text, ignoring case and regex syntax', async () => {
    const ventas = await w.api('GET', '/api/sessions?q=VENTAS&sort=name', { token: admin });
    expect(ventas.body.data.map((s: { sessionId: string }) => s.sessionId)).toEqual(['list-a', 'list-c']);
    const dotted = await w.api('GET', `/api/sessions?q=${encodeURIComponent('(a.b)')}`, { token: admin });
    expect(dotted.body.data.map((s: { sessionId: string }) => s.sessionId)).toEqual(['list-b']);
    const regexy = await w.api('GET', `/api/sessions?q=${encodeURIComponent('a.b')}&status=stopped`, { token: admin });
    expect(regexy.body.total).toBe(0);
    const byId = await w.api('GET', '/api/sessions?q=list-&sort=lastActivity&order=desc', { token: admin });
    expect(byId.body.data.map((s: { sessionId: string }) => s.sessionId)).toEqual(['list-b', 'list-a', 'list-c']);
  });

  it('sorts by status and name both ways and rejects unknown sort keys', async () => {
    const byStatus = await w.api('GET', '/api/sessions?q=list-&sort=status', { token: admin });
    expect(byStatus.body.data.map((s: { status: string }) => s.status)).toEqual(['created', 'logged_out', 'stopped']);
    const byName = await w.api('GET', '/api/sessions?q=list-&sort=name&order=desc', { token: admin });
    expect(byName.body.data.map((s: { name: string }) => s.name)).toEqual(['ventas sur', 'Ventas Norte', 'Soporte (a.b)']);
    const bad = await w.api('GET', '/api/sessions?sort=pid', { token: admin });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
  });

  it('gives each listed session its summary figures', async () => {
    const res = await w.api('GET', '/api/sessions?q=list-a', { token: admin });
    expect(res.body.data[0].summary).toEqual({
      lastActivityAt: '2025-01-03T00:00:00.000Z',
      lastConnectedAt: '2025-01-02T00:00:00.000Z',
      lastDisconnectCause: 'connection_lost',
      messagesReceived: 7,
      messagesSent: 2,
      restarts: 0,
      pid: null,
    });
  });

  it('keeps employees to the sessions they may read', async () => {
    const emp = await w.api('GET', '/api/sessions?q=list', { token: await w.login('employee') });
    expect(emp.body).toMatchObject({ data: [], total: 0 });
  });
});

describe('rename and stop', () => {
  it('renames a session and stops one that is not running', async () => {
    await Session.create({ sessionId: 'ren-1', name: 'Old', status: 'created', active: true });
    const renamed = await w.api('PUT', '/api/sessions/ren-1', { token: admin, body: { name: ' Ventas Centro ' } });
    expect([renamed.status, renamed.body.name]).toEqual([200, 'Ventas Centro']);
    const stopped = await w.api('POST', '/api/sessions/ren-1/stop', { token: admin });
    expect(stopped.body).toMatchObject({ sessionId: 'ren-1', status: 'stopped', active: false });
    const audit = await w.api('GET', '/api/audit?action=session.*&targetId=ren-1', { token: admin });
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['session.stop', 'session.rename']);
    const missing = await w.api('POST', '/api/sessions/nope-nope/stop', { token: admin });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
    const empty = await w.api('PUT', '/api/sessions/ren-1', { token: admin, body: { name: '   ' } });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'validation_failed']);
  });
});

describe('DELETE /api/roles/:id', () => {
  it('refuses built-in roles and roles users hold, and deletes the others', async () => {
    const employee = await Role.findOne({ name: 'employee' }).lean();
    const builtIn = await w.api('DELETE', `/api/roles/${employee!._id.toString()}`, { token: admin });
    expect([builtIn.status, builtIn.body.error.code]).toEqual([409, 'built_in_role']);

    const held = await Role.create({ name: 'held-role', permissions: [] });
    await User.create([
      { name: 'H1', email: 'h1@test.local', role: held._id, passwordHash: 'x' },
      { name: 'H2', email: 'h2@test.local', role: held._id, passwordHash: 'x', active: false },
    ]);
    const inUse = await w.api('DELETE', `/api/roles/${held._id.toString()}`, { token: admin });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error).toMatchObject({ code: 'role_in_use', details: { users: 2 } });

    const free = await Role.create({ name: 'free-role', permissions: [] });
    const deleted = await w.api('DELETE', `/api/roles/${free._id.toString()}`, { token: admin });
    expect(deleted.status).toBe(204);
    expect(await Role.exists({ _id: free._id })).toBeNull();
    const audit = await AuditLog.findOne({ action: 'role.delete', targetId: free._id.toString() }).lean();
    expect(audit?.details).toEqual({ name: 'free-role' });
    const again = await w.api('DELETE', `/api/roles/${free._id.toString()}`, { token: admin });
    expect([again.status, again.body.error.code]).toEqual([404, 'not_found']);
  });
});

describe('GET /api/audit', () => {
  it('names the acting user of each entry and filters by an action prefix', async () => {
    await w.api('PUT', '/api/auth/me', { token: admin, body: { locale: 'en' } });
    const res = await w.api('GET', '/api/audit?action=auth.*', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    expect(res.body.data.every((e: { action: string }) => e.action.startsWith('auth.'))).toBe(true);
    const mine = res.body.data.find((e: { userId: string }) => e.userId === w.users.admin.id);
    expect(mine).toMatchObject({ userName: 'Admin', userEmail: 'admin@test.local' });
    const system = await AuditLog.create({ userId: null, action: 'system.test', at: new Date() });
    const anon = await w.api('GET', '/api/audit?action=system.test', { token: admin });
    expect(anon.body.data[0]).toMatchObject({ id: system._id.toString(), userId: null, userName: null, userEmail: null });
  });
});

describe('GET /api/admin/dashboard', () => {
  it('lists the sessions that need an operator and an hour of message rates', async () => {
    const since = new Date(Date.UTC(2025, 1, 1));
    await Session.create({ sessionId: 'alert-p', name: 'Crashy', status: 'problematic', active: true, problematicSince: since, metrics: { lastDisconnectCause: 'bad_session' } });
    const res = await w.api('GET', '/api/admin/dashboard', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.alerts).toContainEqual({ sessionId: 'alert-p', name: 'Crashy', status: 'problematic', cause: 'bad_session', since: since.toISOString() });
    expect(res.body.alerts.map((a: { sessionId: string }) => a.sessionId)).toContain('list-b');
    expect(res.body.alerts.map((a: { sessionId: string }) => a.sessionId)).not.toContain('list-a');
    expect(res.body.rates).toHaveLength(60);
    const minutes = res.body.rates.map((p: { minute: number }) => p.minute);
    expect(minutes[59] - minutes[0]).toBe(59 * 60_000);
    expect(res.body.rates[0]).toEqual({ minute: expect.any(Number), received: 0, sent: 0 });
  });

  it("counts today's messages from midnight in the caller's zone, and as sent only what WhatsApp took", async () => {
    const now = Date.now();
    // Kiritimati is UTC+14, Pago Pago UTC-11: one of the two is well into its day whatever the hour.
    const zone = new Date(now).getUTCHours() < 12 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    const midnight = startOfDayIn(now, zone);
    expect(now - midnight).toBeGreaterThan(3_600_000);
    const today = async () => (await w.api('GET', `/api/admin/dashboard?tz=${encodeURIComponent(zone)}`, { token: admin })).body.messagesToday as { received: number; sent: number };
    const before = await today();
    const msg = (messageId: string, fromMe: boolean, status: string, at: number) => ({ sessionId: 'dash-1', chatId: '34611000001@s.whatsapp.net', messageId, fromMe, kind: 'text', text: 'hola', status, timestamp: new Date(at) });
    await Message.insertMany([
      msg('DASH-IN', false, 'delivered', midnight + 60_000),
      msg('DASH-YESTERDAY', false, 'delivered', midnight - 60_000),
      msg('DASH-SENT', true, 'read', now - 60_000),
      msg('DASH-PENDING', true, 'pending', now - 30_000),
      msg('DASH-FAILED', true, 'failed', now - 30_000),
    ]);
    expect(await today()).toEqual({ received: before.received + 1, sent: before.sent + 1 });
    const res = await w.api('GET', '/api/admin/dashboard?tz=Europe%2FAtlantida', { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
