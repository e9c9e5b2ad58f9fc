/**
 * Issue 15, scoped API keys over real HTTP, the real database and real Socket.IO: an admin makes
 * a key that may only send in one session; it works there (Bearer or X-API-Key), gets 403
 * elsewhere, is shown once and stored hashed, is audited with its id, stops at expiry (the
 * gateway's injected clock) and at revocation, and cannot outgrow its creator.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Permission } from '@switchboard/shared';
import { ApiKey, AuditLog, hashPassword, Role, Session, silentLogger, User } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { attachRealtime, gatewaySocketAuth, type Realtime } from '../../../gateway/src/realtime/index.ts';
import { connectClient, nextEvent } from '../realtime/support/fixtures.ts';
import { openGateway, type ApiResponse, type GatewayWorld } from './support/harness.ts';

let w: GatewayWorld;
let admin: string;
let clock = Date.parse('2026-03-01T10:00:00Z');
let socketServer: Server;
let realtime: Realtime;
let socketUrl: string;

const A = 'ventas';
const B = 'soporte';
const CHAT = '34600111222';
/** "Send in session ventas only" (and see that session). */
const SEND_IN_A: Permission[] = [
  { action: 'send', subject: 'Message', conditions: { sessionId: A } },
  { action: 'read', subject: 'Session', conditions: { sessionId: A } },
];

beforeAll(async () => {
  w = await openGateway('gw-apikeys', { now: () => new Date(clock) });
  admin = await w.login('admin');
  await Session.create({ sessionId: A, name: A });
  await Session.create({ sessionId: B, name: B });
  // Socket.IO on its own port, on the same database and hub; revocations reach it through deps.realtime.
  socketServer = createServer();
  realtime = attachRealtime(socketServer, { hub: w.hub, logger: silentLogger(), ...gatewaySocketAuth(w.settings.jwtSecret, { now: () => new Date(clock), logger: silentLogger() }) });
  w.app.deps.realtime = realtime;
  await new Promise<void>((resolve) => socketServer.listen(0, '127.0.0.1', resolve));
  socketUrl = `http://127.0.0.1:${(socketServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await realtime?.close();
  await new Promise<void>((resolve) => (socketServer ? socketServer.close(() => resolve()) : resolve()));
  await w?.close();
});

const code = (res: ApiResponse) => [res.status, res.body?.error?.code];
const withKey = (key: string, body?: unknown) => ({ headers: { 'x-api-key': key }, ...(body !== undefined ? { body } : {}) });
const send = (sessionId: string, key: string) => w.api('POST', `/api/sessions/${sessionId}/messages`, { token: key, body: { to: CHAT, text: 'hola' } });

/** Creates a key as `token` (an admin by default) and returns the 201 body. */
async function createKey(body: { name: string; permissions: Permission[]; expiresAt?: string | null }, token = admin) {
  const res = await w.api('POST', '/api/api-keys', { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; key: string; prefix: string; status: string };
}

describe('a key scoped to sending in one session', () => {
  it('sends in its session, with Bearer or X-API-Key, and is refused everywhere else', async () => {
    const made = await createKey({ name: 'CRM ventas', permissions: SEND_IN_A });
    expect(made.key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(made).toMatchObject({ name: 'CRM ventas', prefix: `sk_${made.key.slice(3, 11)}…`, status: 'active', permissions: SEND_IN_A, revokedAt: null, expiresAt: null });

    const sent = await send(A, made.key);
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    const header = await w.api('POST', `/api/sessions/${A}/messages`, withKey(made.key, { to: CHAT, text: 'otra vez' }));
    expect(header.status).toBe(202);
    expect(code(await send(B, made.key))).toEqual([403, 'forbidden']);
    // Outside the scope: another session's details, users, the key list; reading its own session is allowed.
    expect((await w.api('GET', `/api/sessions/${B}/details`, { token: made.key })).status).toBe(403);
    expect((await w.api('GET', `/api/sessions/${A}/details`, { token: made.key })).status).toBe(200);
    expect((await w.api('GET', '/api/users', withKey(made.key))).status).toBe(403);
    expect((await w.api('GET', '/api/api-keys', withKey(made.key))).status).toBe(403);
    const sessions = await w.api('GET', '/api/sessions', withKey(made.key));
    expect(sessions.body.data.map((s: { sessionId: string }) => s.sessionId)).toEqual([A]);
  });

  it('audits what the key does with the key id, the creator as actor, and never the key', async () => {
    const made = await createKey({ name: 'audited', permissions: SEND_IN_A });
    const sent = await send(A, made.key);
    const entry = await AuditLog.findOne({ action: 'message.send', targetId: sent.body.messageId }).lean();
    expect(entry?.details).toMatchObject({ sessionId: A, apiKeyId: made.id });
    expect(entry?.userId?.toString()).toBe(w.users.admin.id);
    await send(B, made.key);
    const refused = await AuditLog.findOne({ action: 'auth.forbidden', 'details.apiKeyId': made.id }).lean();
    expect(refused?.details).toMatchObject({ path: `/api/sessions/${B}/messages`, code: 'forbidden' });
    const created = await AuditLog.findOne({ action: 'api_key.create', targetId: made.id }).lean();
    expect(created?.details).toEqual({ name: 'audited', prefix: made.key.slice(3, 11), expiresAt: null });
    const everything = JSON.stringify(await AuditLog.find({}).lean());
    expect(everything).not.toContain(made.key);
  });

  it('is shown once: lists carry neither the key nor its hash, and the database only the hash', async () => {
    const made = await createKey({ name: 'once', permissions: SEND_IN_A });
    const list = await w.api('GET', '/api/api-keys?limit=200', { token: admin });
    expect(list.status).toBe(200);
    const item = list.body.data.find((k: { id: string }) => k.id === made.id);
    expect(Object.keys(item).sort()).toEqual(['createdAt', 'createdBy', 'expiresAt', 'id', 'lastUsedAt', 'name', 'permissions', 'prefix', 'revokedAt', 'status']);
    expect(item.createdBy).toEqual({ id: w.users.admin.id, name: 'Admin' });
    const stored = await ApiKey.findById(made.id).lean();
    expect(JSON.stringify(list.body)).not.toContain(made.key);
    expect(JSON.stringify(list.body)).not.toContain(stored!.hash);
    expect(JSON.stringify(stored)).not.toContain(made.key);
    // Newest first.
    expect(list.body.data[0].id).toBe(made.id);
    expect(list.body).toMatchObject({ page: 1, limit: 200, total: list.body.data.length });
  });

  it('records its last use at most once a minute', async () => {
    const made = await createKey({ name: 'used', permissions: SEND_IN_A });
    const lastUsed = async () => (await ApiKey.findById(made.id).lean())!.lastUsedAt?.getTime() ?? null;
    expect(await lastUsed()).toBeNull();
    const first = clock;
    await w.api('GET', `/api/sessions/${A}/details`, { token: made.key });
    await vi.waitFor(async () => expect(await lastUsed()).toBe(first));
    clock += 30_000;
    await w.api('GET', `/api/sessions/${A}/details`, { token: made.key });
    clock += 31_000;
    await w.api('GET', `/api/sessions/${A}/details`, { token: made.key });
    await vi.waitFor(async () => expect(await lastUsed()).toBe(clock));
    const listed = (await w.api('GET', '/api/api-keys?limit=200', { token: admin })).body.data.find((k: { id: string }) => k.id === made.id);
    expect(listed.lastUsedAt).toBe(new Date(clock).toISOString());
  });
});

describe('refusals', () => {
  it('answers 401 for unknown and malformed keys', async () => {
    const unknown = `sk_${'A'.repeat(43)}`;
    expect(code(await w.api('GET', '/api/sessions', { token: unknown }))).toEqual([401, 'invalid_api_key']);
    expect(code(await w.api('GET', '/api/sessions', withKey('sk_short')))).toEqual([401, 'invalid_api_key']);
    expect(code(await w.api('GET', '/api/sessions', withKey('not-even-close')))).toEqual([401, 'invalid_api_key']);
  });

  it('revokes a key at once and idempotently; the record stays', async () => {
    const made = await createKey({ name: 'to revoke', permissions: SEND_IN_A });
    expect((await send(A, made.key)).status).toBe(202);
    const revoked = await w.api('DELETE', `/api/api-keys/${made.id}`, { token: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: made.id, status: 'revoked', revokedAt: new Date(clock).toISOString() });
    expect(revoked.body.key).toBeUndefined();
    expect(code(await send(A, made.key))).toEqual([401, 'api_key_revoked']);
    expect(code(await w.api('GET', '/api/sessions', withKey(made.key)))).toEqual([401, 'api_key_revoked']);
    const again = await w.api('DELETE', `/api/api-keys/${made.id}`, { token: admin });
    expect([again.status, again.body.revokedAt]).toEqual([200, revoked.body.revokedAt]);
    expect(await AuditLog.countDocuments({ action: 'api_key.revoke', targetId: made.id })).toBe(2);
    expect((await w.api('DELETE', '/api/api-keys/665f1c2b9d3e4a0012345678', { token: admin })).status).toBe(404);
  });

  it('stops a key at its expiry on the gateway clock, and refuses an expiry in the past', async () => {
    const made = await createKey({ name: 'short', permissions: SEND_IN_A, expiresAt: new Date(clock + 3_600_000).toISOString() });
    expect((await send(A, made.key)).status).toBe(202);
    clock += 3_600_000;
    expect(code(await send(A, made.key))).toEqual([401, 'api_key_expired']);
    const listed = (await w.api('GET', '/api/api-keys?limit=200', { token: admin })).body.data.find((k: { id: string }) => k.id === made.id);
    expect(listed.status).toBe('expired');
    const past = await w.api('POST', '/api/api-keys', { token: admin, body: { name: 'late', permissions: SEND_IN_A, expiresAt: new Date(clock - 1000).toISOString() } });
    expect(code(past)).toEqual([400, 'validation_failed']);
  });

  it('refuses keys on the routes of a person\'s own account and on key management', async () => {
    const made = await createKey({ name: 'all-powerful', permissions: [{ action: 'manage', subject: 'all' }] });
    for (const [method, path, body] of [
      ['POST', '/api/api-keys', { name: 'child', permissions: SEND_IN_A }],
      ['DELETE', `/api/api-keys/${made.id}`, undefined],
      ['POST', '/api/auth/logout', undefined],
      ['GET', '/api/auth/me', undefined],
      ['PUT', '/api/auth/me', { locale: 'es' }],
      ['POST', '/api/auth/change-password', { currentPassword: 'x'.repeat(8), newPassword: 'New-pass-123456' }],
    ] as const) {
      expect(code(await w.api(method, path, { token: made.key, ...(body ? { body } : {}) })), `${method} ${path}`).toEqual([403, 'api_key_not_allowed']);
    }
    // A key can still read what it may (the list), and it is still active.
    expect((await w.api('GET', '/api/api-keys', withKey(made.key))).status).toBe(200);
    expect((await ApiKey.findById(made.id).lean())!.revokedAt).toBeNull();
  });
});

describe('never more than the creator', () => {
  it('refuses a supervisor (no key permission) and a creator asking for more than they have', async () => {
    const sup = await w.login('supervisor');
    expect(code(await w.api('POST', '/api/api-keys', { token: sup, body: { name: 'x', permissions: [{ action: 'manage', subject: 'all' }] } }))).toEqual([403, 'forbidden']);

    await Role.create({ name: 'integrations', permissions: [{ action: 'manage', subject: 'ApiKey' }, ...SEND_IN_A] });
    const role = await Role.findOne({ name: 'integrations' }).lean();
    const password = 'Integr-pass-123';
    const lead = await User.create({ name: 'Lead', email: 'lead@test.local', role: role!._id, passwordHash: await hashPassword(password), locale: 'en' });
    const token = await w.login({ id: lead._id.toString(), email: 'lead@test.local', password, locale: 'en' });
    for (const permissions of [[{ action: 'manage', subject: 'all' }], [{ action: 'send', subject: 'Message' }], [{ action: 'send', subject: 'Message', conditions: { sessionId: B } }]] as Permission[][]) {
      const res = await w.api('POST', '/api/api-keys', { token, body: { name: 'too much', permissions } });
      expect(code(res), JSON.stringify(permissions)).toEqual([403, 'exceeds_own_permissions']);
    }
    const ok = await createKey({ name: 'lead key', permissions: SEND_IN_A }, token);
    expect((await send(A, ok.key)).status).toBe(202);

    // The key never outlives its creator's permissions, nor their account.
    await Role.updateOne({ _id: role!._id }, { $set: { permissions: [{ action: 'manage', subject: 'ApiKey' }] } });
    expect(code(await send(A, ok.key))).toEqual([401, 'api_key_disabled']);
    await Role.updateOne({ _id: role!._id }, { $set: { permissions: [{ action: 'manage', subject: 'ApiKey' }, ...SEND_IN_A] } });
    expect((await send(A, ok.key)).status).toBe(202);
    await User.updateOne({ _id: lead._id }, { $set: { active: false } });
    expect(code(await send(A, ok.key))).toEqual([401, 'api_key_disabled']);
  });
});

describe('Socket.IO', () => {
  it('accepts a key at the handshake, keeps it to its session, and drops it when revoked', async () => {
    const made = await createKey({ name: 'socket', permissions: SEND_IN_A });
    const socket = await connectClient(socketUrl, { token: made.key });
    expect(await socket.timeout(5000).emitWithAck('subscribe', { sessionId: A })).toMatchObject({ ok: true });
    expect(await socket.timeout(5000).emitWithAck('subscribe', { sessionId: B })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    expect((await w.api('DELETE', `/api/api-keys/${made.id}`, { token: admin })).status).toBe(200);
    expect((await nextEvent(socket, 'auth-error')).code).toBe('api_key_revoked');
    await closed;
    await expect(connectClient(socketUrl, { token: made.key })).rejects.toMatchObject({ data: { code: 'api_key_revoked' } });
    await expect(connectClient(socketUrl, { token: `sk_${'B'.repeat(43)}` })).rejects.toMatchObject({ data: { code: 'invalid_api_key' } });
  });
});

describe('CORS', () => {
  it('lets browsers send the X-API-Key header', async () => {
    const res = await fetch(`${w.url}/api/sessions`, {
      method: 'OPTIONS',
      headers: { origin: 'http://console.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' },
    });
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-api-key');
  });
});
