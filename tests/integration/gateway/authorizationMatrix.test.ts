import { Assignment, Chat, hashPassword, Media, mediaBucket, Role, Session, User } from '@switchboard/shared/node';
import { ROUTES, signToken, type RouteDef } from '@switchboard/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld, type TestUser, type Who } from './support/harness.ts';
import {
  CALLERS,
  LIMITED_PERMISSIONS,
  LIMITED_ROLE,
  LIMITED_SESSION,
  MATRIX,
  ROW_CALLERS,
  type Caller,
  type ExtraCaller,
  type MatrixState,
  type RowCaller,
} from './support/matrixFixtures.ts';

let w: GatewayWorld;

/** A multipart send: text fields plus a small text file. */
function sendForm(fileName: string, fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new TextEncoder().encode(`content of ${fileName}`)], { type: 'text/plain' }), fileName);
  return form;
}
let s: MatrixState;
const tokens = new Map<Caller, string | undefined>();

/** Starts a session through the API and waits for its first QR from the real actor. */
async function startViaApi(token: string, sessionId: string): Promise<string> {
  const mark = w.rec.events.length;
  const res = await w.api('POST', '/api/sessions', { token, body: { sessionId, name: sessionId } });
  expect(res.status).toBe(201);
  const qr = await w.rec.waitFor((e) => w.rec.events.indexOf(e) >= mark && e.sessionId === sessionId && e.type === 'qr');
  return (qr as { qr: string }).qr;
}

const extra = {} as Record<ExtraCaller, TestUser>;

/** Creates the account of a caller the harness does not seed. */
async function extraUser(who: ExtraCaller, roleName: string): Promise<TestUser> {
  const role = await Role.findOne({ name: roleName }).lean();
  const u: TestUser = { id: '', email: `mx-${who.toLowerCase()}@test.local`, password: `Mx-${who}-pass-1`, locale: 'es' };
  u.id = (await User.create({ name: who, email: u.email, role: role!._id, passwordHash: await hashPassword(u.password), locale: 'es' }))._id.toString();
  return u;
}

/** A fresh token for the caller, in the state the caller stands for (again after a call revoked it). */
async function refreshToken(who: Caller): Promise<void> {
  if (who === 'anonymous') tokens.set(who, undefined);
  else if (who === 'badToken') tokens.set(who, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad-signature');
  else if (who === 'expired') {
    const u = w.users.admin;
    tokens.set(who, signToken({ secret: w.settings.jwtSecret, expiresIn: -60 }, { sub: u.id, role: 'x', ver: 0 }));
  } else if (who === 'limited') tokens.set(who, await w.login(extra.limited));
  else if (who === 'mustChange') {
    await User.updateOne({ _id: extra.mustChange.id }, { $set: { mustChangePassword: true } });
    tokens.set(who, await w.login(extra.mustChange));
  } else if (who === 'deactivated') {
    await User.updateOne({ _id: extra.deactivated.id }, { $set: { active: true } });
    tokens.set(who, await w.login(extra.deactivated));
    await User.updateOne({ _id: extra.deactivated.id }, { $set: { active: false } });
  } else if (who === 'revoked') {
    tokens.set(who, await w.login(extra.revoked));
    await User.updateOne({ _id: extra.revoked.id }, { $inc: { tokenVersion: 1 } });
  } else tokens.set(who, await w.login(who as Who));
}

/**
 * What the callers without a column get, from the route's `auth`: a pending password change
 * reaches only the `user-pending-password` routes (403 elsewhere); deactivated and revoked
 * tokens get 401 everywhere, and a deactivated account cannot sign in.
 */
function derivedStatus(route: RouteDef, employee: number, who: Exclude<Caller, RowCaller>): number {
  if (route.auth === 'public') return who === 'deactivated' && route.path === '/api/auth/login' ? 401 : employee;
  if (who === 'mustChange') return route.auth === 'user-pending-password' ? employee : 403;
  return 401;
}

/** True when a record the limited caller got back is within its limits. */
function withinLimits(kind: NonNullable<RouteDef['record']>, item: Record<string, unknown>): boolean {
  switch (kind) {
    case 'User':
      return item.id === extra.limited.id;
    case 'Role':
      return item.name === LIMITED_ROLE;
    case 'CannedReply':
      return item.ownerId === extra.limited.id;
    case 'AuditLog':
      return false;
    default:
      return item.sessionId === LIMITED_SESSION;
  }
}

/**
 * The records in a 2xx answer: a list's items, cleanup's removed ids, the files of signed media
 * URLs (ids only: no fixture file is in the limited caller's session, so it may sign none), or
 * the record itself.
 */
function recordsOf(body: unknown): Record<string, unknown>[] {
  if (!body || typeof body !== 'object') return [];
  const b = body as { data?: unknown; removed?: unknown; urls?: unknown };
  if (Array.isArray(b.data)) return b.data as Record<string, unknown>[];
  if (Array.isArray(b.removed)) return (b.removed as string[]).map((sessionId) => ({ sessionId }));
  if (b.urls && typeof b.urls === 'object') return Object.keys(b.urls).map((id) => ({ id }));
  return [body as Record<string, unknown>];
}

beforeAll(async () => {
  w = await openGateway('gw-matrix', { simulator: true });
  await Role.create({ name: LIMITED_ROLE, permissions: LIMITED_PERMISSIONS });
  extra.limited = await extraUser('limited', LIMITED_ROLE);
  extra.mustChange = await extraUser('mustChange', 'employee');
  extra.deactivated = await extraUser('deactivated', 'employee');
  extra.revoked = await extraUser('revoked', 'employee');
  for (const c of CALLERS) await refreshToken(c);
  const admin = tokens.get('admin')!;
  const linked = 'mx-linked';
  const qr = await startViaApi(admin, linked);
  const mark = w.rec.events.length;
  w.sim!.createPhone({ phone: '34600000001' });
  await w.sim!.scanQr('34600000001', qr);
  await w.rec.waitStatus(linked, 'connected', mark);
  await startViaApi(admin, 'mx-pairing');
  const chat = '34699000001@s.whatsapp.net';
  await Assignment.create({ sessionId: linked, chatId: chat, userId: w.users.employee.id });
  const bystander = await User.create({ name: 'Bystander', email: 'bystander@test.local', role: (await Role.findOne({ name: 'employee' }).lean())!._id, passwordHash: 'x' });
  let n = 0;
  s = {
    w,
    linked,
    pairing: 'mx-pairing',
    chat,
    started: [],
    bystander: bystander._id.toString(),
    extra,
    async freshQrSession() {
      const id = `mx-pair-${++n}`;
      await startViaApi(tokens.get('admin')!, id);
      return id;
    },
  };
}, 90_000);

afterAll(async () => {
  await w?.close();
});

describe('authorisation matrix', () => {
  it('has a rule for every route of the route table and no rule for a route that does not exist', () => {
    const table = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(table);
  });

  it.each(ROUTES.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s answers each caller as expected', async (key, route) => {
    const row = MATRIX[key];
    expect(row, `no matrix rule for ${key}`).toBeDefined();
    const got: Partial<Record<Caller, number>> = {};
    const bodies: Partial<Record<Caller, unknown>> = {};
    const want: Partial<Record<Caller, number>> = {};
    for (const who of CALLERS) {
      want[who] = (ROW_CALLERS as readonly string[]).includes(who) ? row!.expect[who as RowCaller] : derivedStatus(route, row!.expect.employee, who as Exclude<Caller, RowCaller>);
      const call = await row!.call(s, who);
      const res = await w.api(route.method.toUpperCase(), call.path, { token: tokens.get(who), ...(call.body !== undefined ? { body: call.body } : {}), ...(call.form ? { form: call.form } : {}) });
      got[who] = res.status;
      bodies[who] = res.body;
      if (res.status >= 400) expect(res.body?.error?.code, `${key} as ${who}: error envelope`).toEqual(expect.any(String));
      // A route that touches a record never hands the limited caller one outside its limits.
      if (who === 'limited' && route.record && res.status < 300 && !route.response.binary) {
        const outside = recordsOf(res.body).filter((r) => !withinLimits(route.record!, r));
        expect(outside, `${key} as limited: records outside its limits`).toEqual([]);
      }
      if (call.revokes && res.status < 300) await refreshToken(who);
    }
    expect(got, JSON.stringify(bodies)).toEqual(want);
  });

  it('lists only the employee\'s assigned chats, in the inbox and in the session', async () => {
    const unassigned = '34699000077@s.whatsapp.net';
    await Chat.updateOne({ sessionId: s.linked, jid: unassigned }, { $setOnInsert: { isGroup: false, name: 'Not yours' } }, { upsert: true });
    await Chat.updateOne({ sessionId: s.linked, jid: s.chat }, { $setOnInsert: { isGroup: false } }, { upsert: true });
    const mine = new Set((await Assignment.find({ userId: w.users.employee.id }).lean()).map((a) => `${a.sessionId} ${a.chatId}`));
    for (const path of ['/api/chats?view=all', `/api/sessions/${s.linked}/chats?type=all`]) {
      const res = await w.api('GET', path, { token: tokens.get('employee') });
      expect(res.status, path).toBe(200);
      const keys = res.body.data.map((c: { sessionId: string; id: string }) => `${c.sessionId} ${c.id}`);
      expect(keys, path).toContain(`${s.linked} ${s.chat}`);
      expect(keys.filter((k: string) => !mine.has(k)), path).toEqual([]);
      expect(res.body.total, path).toBe(keys.length);
    }
    // The chat left out is there for those who may see it.
    const sup = await w.api('GET', `/api/sessions/${s.linked}/chats?type=all`, { token: tokens.get('supervisor') });
    expect(sup.body.data.map((c: { id: string }) => c.id)).toContain(unassigned);
  });

  it('keeps employees to their assigned chats in scoped lists', async () => {
    const emp = await w.api('GET', `/api/sessions/${s.linked}/assignments`, { token: tokens.get('employee') });
    expect(emp.body.data.every((a: { userId: string }) => a.userId === w.users.employee.id)).toBe(true);
    const sessions = await w.api('GET', '/api/sessions', { token: tokens.get('employee') });
    expect(sessions.body.data.map((x: { sessionId: string }) => x.sessionId)).toEqual([s.linked]);
    const none = await w.api('GET', '/api/sessions', { token: tokens.get('outsider') });
    expect(none.body).toMatchObject({ data: [], total: 0 });
    const otherChat = await w.api('GET', `/api/sessions/${s.linked}/messages?chatId=34699000002`, { token: tokens.get('employee') });
    expect(otherChat.status).toBe(403);
    const sendOther = await w.api('POST', `/api/sessions/${s.linked}/messages`, { token: tokens.get('employee'), body: { to: '34699000002', text: 'x' } });
    expect(sendOther.status).toBe(403);
  });

  it('stores a file sent by multipart with its chat, so the assigned employee can read it back', async () => {
    const res = await w.api('POST', `/api/sessions/${s.linked}/messages`, { token: tokens.get('employee'), form: sendForm('employee-sent.txt', { to: s.chat, caption: 'hola' }) });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const media = await Media.findOne({ fileName: 'employee-sent.txt' }).lean();
    expect(media?.chatId).toBe(s.chat);
    const read = await w.api('GET', `/api/media/${media!._id.toString()}/info`, { token: tokens.get('employee') });
    expect([read.status, read.body.chatId]).toEqual([200, s.chat]);
  });

  it('leaves no media behind when a multipart send is refused (authorisation or validation)', async () => {
    const blobs = async () => (await mediaBucket().find({}).toArray()).length;
    const before = await blobs();
    const refused = await w.api('POST', `/api/sessions/${s.linked}/messages`, { token: tokens.get('outsider'), form: sendForm('outsider.txt', { to: s.chat }) });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    const invalid = await w.api('POST', `/api/sessions/${s.linked}/messages`, { token: tokens.get('employee'), form: sendForm('invalid.txt', { to: s.chat, kind: 'location' }) });
    expect([invalid.status, invalid.body.error.code]).toEqual([400, 'validation_failed']);
    const junk = await w.api('POST', `/api/sessions/${s.linked}/messages`, { token: tokens.get('employee'), form: sendForm('junk.txt', { to: 'not a phone' }) });
    expect([junk.status, junk.body.error.code]).toEqual([400, 'invalid_recipient']);
    expect(await Media.countDocuments({ fileName: { $in: ['outsider.txt', 'invalid.txt', 'junk.txt'] } })).toBe(0);
    expect(await blobs()).toBe(before);
  });

  it('does not let a supervisor create, promote or manage admins', async () => {
    const sup = tokens.get('supervisor');
    const create = await w.api('POST', '/api/users', { token: sup, body: { name: 'Evil', email: 'evil@test.local', password: 'Evil-pass-123', role: 'admin' } });
    expect(create.status).toBe(403);
    const promote = await w.api('PUT', `/api/users/${w.users.employee.id}`, { token: sup, body: { role: 'admin' } });
    expect(promote.status).toBe(403);
    const reset = await w.api('POST', `/api/admin/users/${w.users.admin.id}/reset-password`, { token: sup });
    expect(reset.status).toBe(403);
  });

  it('answers 404 for unknown sessions to callers allowed to see them', async () => {
    const res = await w.api('GET', '/api/sessions/nope-nope/details', { token: tokens.get('admin') });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('reports the linked session as connected with a pid', async () => {
    const res = await w.api('GET', `/api/sessions/${s.linked}/details`, { token: tokens.get('supervisor') });
    expect(res.body.status).toBe('connected');
    expect(res.body.pid).toEqual(expect.any(Number));
    expect(await Session.exists({ sessionId: s.linked })).toBeTruthy();
  });
});
