/**
 * Per-route fixtures of the authorisation matrix: how to call each route of the route table
 * (path with real ids, a valid body) with fresh targets for mutating routes, so every caller
 * meets the same situation, and the status each kind of caller must get.
 */
import { randomBytes } from 'node:crypto';
import { Assignment, Chat, hashPassword, Media, putMedia, Role, Session, User } from '@switchboard/shared/node';
import type { Permission } from '@switchboard/shared';
import type { GatewayWorld, TestUser, Who } from './harness.ts';
import { API_KEY_MATRIX } from './apiKeyMatrix.ts';
import { INBOX_MATRIX } from './inboxMatrix.ts';
import { WEBHOOK_MATRIX } from './webhookMatrix.ts';

/**
 * Callers with a column in each row: no or bad tokens, the built-in roles, and `limited`, a
 * custom role allowed every class of record but limited to a session (and to itself, its own
 * role and replies) the fixtures never use: every route touching a record must refuse it.
 */
export const ROW_CALLERS = ['anonymous', 'badToken', 'expired', 'admin', 'supervisor', 'employee', 'outsider', 'limited'] as const;
/**
 * Callers whose answers follow from the route's `auth` alone (see `derivedStatus`): an employee
 * who must change their password, a deactivated one, and one whose token was revoked.
 */
export const DERIVED_CALLERS = ['mustChange', 'deactivated', 'revoked'] as const;
export const CALLERS = [...ROW_CALLERS, ...DERIVED_CALLERS] as const;
export type Caller = (typeof CALLERS)[number];
export type RowCaller = (typeof ROW_CALLERS)[number];
export type ExtraCaller = Exclude<Caller, Who | 'anonymous' | 'badToken' | 'expired'>;

/** The one session the `limited` caller may touch (no fixture uses it). */
export const LIMITED_SESSION = 'mx-limited';
/** The one role the `limited` caller may touch. */
export const LIMITED_ROLE = 'mx-limited-role';

/** Permissions of the `limited` caller: `manage` on every record kind, each limited by a condition. */
export const LIMITED_PERMISSIONS: Permission[] = [
  ...(['Session', 'Chat', 'Message', 'Media', 'Assignment', 'Webhook'] as const).map((subject) => ({ action: 'manage' as const, subject, conditions: { sessionId: LIMITED_SESSION } })),
  { action: 'manage', subject: 'User', conditions: { _id: '${user.id}' } },
  { action: 'manage', subject: 'Role', conditions: { name: LIMITED_ROLE } },
  { action: 'manage', subject: 'CannedReply', conditions: { ownerId: '${user.id}' } },
  { action: 'read', subject: 'AuditLog', conditions: { action: 'mx.nothing' } },
];

/** Shared state of the matrix run (ids created once in beforeAll). */
export interface MatrixState {
  w: GatewayWorld;
  /** A connected session with the employee's assignment. */
  linked: string;
  /** A session waiting for a QR scan (pairing codes). */
  pairing: string;
  /** The chat assigned to `employee` in `linked`. */
  chat: string;
  /** Actors started by fixtures, stopped after the run. */
  started: string[];
  /** A user who is not one of the callers (assignment rows target them, so callers' access never changes). */
  bystander: string;
  /** Accounts of the callers that are not seeded by the harness. */
  extra: Record<ExtraCaller, TestUser>;
  /** Starts a fresh session through the real hub and waits for its QR (pairing-code rows). */
  freshQrSession(): Promise<string>;
}

/** One call: path, body, and an optional hook after the response (re-login after revocation…). */
export interface Call {
  path: string;
  body?: unknown;
  /** A multipart body instead of JSON. */
  form?: FormData;
  /** True when the call revokes the caller's tokens on success. */
  revokes?: boolean;
}

/** Expected status per caller with a column (the derived ones follow from the route's `auth`). */
export type Expect = Record<RowCaller, number>;

const uniq = () => randomBytes(4).toString('hex');

/** 401 for callers without a valid token, then per-role statuses; the limited caller is refused unless said otherwise. */
export function authed(admin: number, supervisor: number, employee: number, outsider: number, limited = 403): Expect {
  return { anonymous: 401, badToken: 401, expired: 401, admin, supervisor, employee, outsider, limited };
}
const everyone = (status: number): Expect => ({ anonymous: status, badToken: status, expired: status, admin: status, supervisor: status, employee: status, outsider: status, limited: status });

/** A fresh employee to update, delete or reset. */
async function victim(): Promise<string> {
  const role = await Role.findOne({ name: 'employee' }).lean();
  const u = await User.create({ name: 'Victim', email: `victim-${uniq()}@test.local`, role: role!._id, passwordHash: await hashPassword('Victim-pass-1') });
  return u._id.toString();
}

/** A fresh Session record that no actor runs. */
async function idleSession(): Promise<string> {
  const sessionId = `idle-${uniq()}`;
  await Session.create({ sessionId, name: sessionId, active: false, status: 'stopped' });
  return sessionId;
}

/** A fresh media file (with a thumbnail) of the assigned chat in the linked session. */
async function chatMedia(s: MatrixState): Promise<string> {
  const blob = await putMedia(Buffer.from(`bytes-${uniq()}`), { contentType: 'text/plain' });
  const thumb = await putMedia(Buffer.from('thumb'), { contentType: 'image/jpeg' });
  const doc = await Media.create({ sessionId: s.linked, chatId: s.chat, kind: 'document', mimeType: 'text/plain', size: blob.size, sha256: blob.sha256, gridFsId: blob.id, thumbnailGridFsId: thumb.id, direction: 'in' });
  return doc._id.toString();
}

/** The assigned chat with a freshly cached profile picture (no actor call needed). */
async function chatWithPicture(s: MatrixState): Promise<void> {
  const blob = await putMedia(Buffer.from('png-bytes'), { contentType: 'image/png' });
  const media = await Media.create({ sessionId: s.linked, chatId: s.chat, kind: 'image', mimeType: 'image/png', size: blob.size, sha256: blob.sha256, gridFsId: blob.id, direction: 'in' });
  await Chat.updateOne({ sessionId: s.linked, jid: s.chat }, { $set: { profilePicture: { mediaId: media._id, url: null, fetchedAt: new Date() } } }, { upsert: true });
}

/** A one-file multipart form. */
export function fileForm(fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new TextEncoder().encode('hello file')], { type: 'text/plain' }), 'hello.txt');
  return form;
}

/** The account of a caller, when it has one. */
const account = (s: MatrixState, who: Caller): TestUser | undefined => s.w.users[who as Who] ?? s.extra[who as ExtraCaller];
/** Password of a caller (login and change-password rows). */
const pw = (s: MatrixState, who: Caller) => account(s, who)?.password ?? 'Nobody-pass-1';
const email = (s: MatrixState, who: Caller) => account(s, who)?.email ?? 'nobody@test.local';

/** Every route of the table: `METHOD path` → how to call it and what each caller gets. */
export const MATRIX: Record<string, { call: (s: MatrixState, who: Caller) => Promise<Call> | Call; expect: Expect }> = {
  'POST /api/auth/login': { call: (s, who) => ({ path: '/api/auth/login', body: { email: email(s, who), password: pw(s, who) } }), expect: { anonymous: 401, badToken: 401, expired: 401, admin: 200, supervisor: 200, employee: 200, outsider: 200, limited: 200 } },
  'POST /api/auth/logout': { call: () => ({ path: '/api/auth/logout', revokes: true }), expect: authed(200, 200, 200, 200, 200) },
  'GET /api/auth/me': { call: () => ({ path: '/api/auth/me' }), expect: authed(200, 200, 200, 200, 200) },
  'PUT /api/auth/me': { call: (s, who) => ({ path: '/api/auth/me', body: { locale: account(s, who)?.locale ?? 'es' } }), expect: authed(200, 200, 200, 200, 200) },
  'POST /api/auth/forgot-password': { call: (s, who) => ({ path: '/api/auth/forgot-password', body: { email: email(s, who) } }), expect: everyone(202) },
  'POST /api/auth/reset-password': { call: () => ({ path: '/api/auth/reset-password', body: { token: `bogus-${uniq()}-token`, password: 'Whatever-pass-1' } }), expect: everyone(400) },
  'POST /api/auth/change-password': { call: (s, who) => ({ path: '/api/auth/change-password', body: { currentPassword: pw(s, who), newPassword: pw(s, who) }, revokes: true }), expect: authed(200, 200, 200, 200, 200) },
  'GET /api/users': { call: () => ({ path: '/api/users' }), expect: authed(200, 200, 403, 403, 200) },
  'GET /api/users/:id': { call: (s) => ({ path: `/api/users/${s.w.users.employee.id}` }), expect: authed(200, 200, 403, 403) },
  'POST /api/users': { call: () => ({ path: '/api/users', body: { name: 'New', email: `new-${uniq()}@test.local`, password: 'New-user-pass-1', role: 'employee' } }), expect: authed(201, 201, 403, 403) },
  'PUT /api/users/:id': { call: async () => ({ path: `/api/users/${await victim()}`, body: { name: 'Renamed' } }), expect: authed(200, 200, 403, 403) },
  'DELETE /api/users/:id': { call: async () => ({ path: `/api/users/${await victim()}` }), expect: authed(204, 204, 403, 403) },
  'GET /api/roles': { call: () => ({ path: '/api/roles' }), expect: authed(200, 200, 403, 403, 200) },
  'POST /api/roles': { call: () => ({ path: '/api/roles', body: { name: `role-${uniq()}`, permissions: [{ action: 'read', subject: 'Session' }] } }), expect: authed(201, 403, 403, 403) },
  'PUT /api/roles/:id': {
    call: async () => {
      const r = await Role.create({ name: `custom-${uniq()}`, permissions: [] });
      return { path: `/api/roles/${r._id.toString()}`, body: { description: 'changed' } };
    },
    expect: authed(200, 403, 403, 403),
  },
  'DELETE /api/roles/:id': {
    call: async () => {
      const r = await Role.create({ name: `doomed-${uniq()}`, permissions: [] });
      return { path: `/api/roles/${r._id.toString()}` };
    },
    expect: authed(204, 403, 403, 403),
  },
  'GET /api/sessions/stats': { call: () => ({ path: '/api/sessions/stats' }), expect: authed(200, 200, 403, 403) },
  'GET /api/sessions/active': { call: () => ({ path: '/api/sessions/active' }), expect: authed(200, 200, 200, 200, 200) },
  'GET /api/sessions/connected': { call: () => ({ path: '/api/sessions/connected' }), expect: authed(200, 200, 200, 200, 200) },
  'GET /api/sessions/problematic': { call: () => ({ path: '/api/sessions/problematic' }), expect: authed(200, 200, 200, 200, 200) },
  'POST /api/sessions/cleanup-inactive': { call: () => ({ path: '/api/sessions/cleanup-inactive', body: { olderThanDays: 3650 } }), expect: authed(200, 200, 403, 403, 200) },
  'POST /api/sessions': {
    call: (s) => {
      const sessionId = `new-${uniq()}`;
      s.started.push(sessionId);
      return { path: '/api/sessions', body: { sessionId, name: 'Matrix' } };
    },
    expect: authed(201, 201, 403, 403),
  },
  'GET /api/sessions': { call: () => ({ path: '/api/sessions' }), expect: authed(200, 200, 200, 200, 200) },
  'DELETE /api/sessions/:sessionId': { call: async () => ({ path: `/api/sessions/${await idleSession()}` }), expect: authed(204, 204, 403, 403) },
  'GET /api/sessions/:sessionId/details': { call: (s) => ({ path: `/api/sessions/${s.linked}/details` }), expect: authed(200, 200, 200, 403) },
  'GET /api/sessions/:sessionId/qr': { call: (s) => ({ path: `/api/sessions/${s.pairing}/qr` }), expect: authed(200, 200, 403, 403) },
  'POST /api/sessions/:sessionId/pairing-code': {
    // Only callers who reach the hub get a fresh session waiting for a QR (a code links it).
    call: async (s, who) => ({ path: `/api/sessions/${who === 'admin' || who === 'supervisor' ? await s.freshQrSession() : s.pairing}/pairing-code`, body: { phone: '34655000111' } }),
    expect: authed(200, 200, 403, 403),
  },
  'POST /api/sessions/:sessionId/reset-attempts': {
    call: async (s) => {
      const sessionId = await idleSession();
      s.started.push(sessionId);
      return { path: `/api/sessions/${sessionId}/reset-attempts` };
    },
    expect: authed(200, 200, 403, 403),
  },
  'DELETE /api/sessions/:sessionId/cleanup': { call: async () => ({ path: `/api/sessions/${await idleSession()}/cleanup` }), expect: authed(200, 200, 403, 403) },
  'PUT /api/sessions/:sessionId': { call: async () => ({ path: `/api/sessions/${await idleSession()}`, body: { name: 'Renamed' } }), expect: authed(200, 200, 403, 403) },
  'POST /api/sessions/:sessionId/start': {
    call: async (s) => {
      const sessionId = await idleSession();
      s.started.push(sessionId);
      return { path: `/api/sessions/${sessionId}/start` };
    },
    expect: authed(200, 200, 403, 403),
  },
  'POST /api/sessions/:sessionId/stop': { call: async () => ({ path: `/api/sessions/${await idleSession()}/stop` }), expect: authed(200, 200, 403, 403) },
  'POST /api/sessions/:sessionId/relink': {
    call: async (s) => {
      const sessionId = await idleSession();
      s.started.push(sessionId);
      return { path: `/api/sessions/${sessionId}/relink` };
    },
    expect: authed(200, 200, 403, 403),
  },
  'GET /api/sessions/:sessionId/timeline': { call: (s) => ({ path: `/api/sessions/${s.linked}/timeline` }), expect: authed(200, 200, 200, 403) },
  'POST /api/sessions/:sessionId/messages': { call: (s) => ({ path: `/api/sessions/${s.linked}/messages`, body: { to: s.chat, text: 'hola' } }), expect: authed(202, 202, 202, 403) },
  'GET /api/sessions/:sessionId/chats': { call: (s) => ({ path: `/api/sessions/${s.linked}/chats` }), expect: authed(200, 200, 200, 403) },
  'GET /api/sessions/:sessionId/messages': { call: (s) => ({ path: `/api/sessions/${s.linked}/messages?chatId=${encodeURIComponent(s.chat)}` }), expect: authed(200, 200, 200, 403) },
  'POST /api/sessions/:sessionId/assignments': {
    call: (s) => ({ path: `/api/sessions/${s.linked}/assignments`, body: { chatId: `3460${Math.floor(Math.random() * 1e7)}`, userId: s.bystander } }),
    expect: authed(201, 201, 403, 403),
  },
  'GET /api/sessions/:sessionId/assignments': { call: (s) => ({ path: `/api/sessions/${s.linked}/assignments` }), expect: authed(200, 200, 200, 403) },
  'PUT /api/sessions/:sessionId/assignments/:assignmentId': {
    call: async (s) => {
      const a = await Assignment.create({ sessionId: s.linked, chatId: `3461${Math.floor(Math.random() * 1e7)}@s.whatsapp.net`, userId: s.bystander });
      return { path: `/api/sessions/${s.linked}/assignments/${a._id.toString()}`, body: { note: 'vip' } };
    },
    expect: authed(200, 200, 403, 403),
  },
  'DELETE /api/sessions/:sessionId/assignments/:assignmentId': {
    call: async (s) => {
      const a = await Assignment.create({ sessionId: s.linked, chatId: `3462${Math.floor(Math.random() * 1e7)}@s.whatsapp.net`, userId: s.bystander });
      return { path: `/api/sessions/${s.linked}/assignments/${a._id.toString()}` };
    },
    expect: authed(204, 204, 403, 403),
  },
  'GET /api/media/session/:sessionId': { call: (s) => ({ path: `/api/media/session/${s.linked}` }), expect: authed(200, 200, 200, 200, 200) },
  'GET /api/media/:fileId': { call: async (s) => ({ path: `/api/media/${await chatMedia(s)}` }), expect: authed(200, 200, 200, 404, 404) },
  'GET /api/media/:fileId/download': { call: async (s) => ({ path: `/api/media/${await chatMedia(s)}/download` }), expect: authed(200, 200, 200, 404, 404) },
  'GET /api/media/:fileId/info': { call: async (s) => ({ path: `/api/media/${await chatMedia(s)}/info` }), expect: authed(200, 200, 200, 404, 404) },
  'GET /api/media/:fileId/thumbnail': { call: async (s) => ({ path: `/api/media/${await chatMedia(s)}/thumbnail` }), expect: authed(200, 200, 200, 404, 404) },
  'DELETE /api/media/:fileId': { call: async (s) => ({ path: `/api/media/${await chatMedia(s)}` }), expect: authed(204, 204, 403, 403, 404) },
  'POST /api/sessions/:sessionId/media': { call: (s) => ({ path: `/api/sessions/${s.linked}/media?to=${encodeURIComponent(s.chat)}`, form: fileForm() }), expect: authed(201, 201, 201, 403) },
  'GET /api/sessions/:sessionId/chats/:chatId/photo': {
    call: async (s) => {
      await chatWithPicture(s);
      return { path: `/api/sessions/${s.linked}/chats/${s.chat}/photo` };
    },
    expect: authed(200, 200, 200, 403),
  },
  'GET /api/admin/dashboard': { call: () => ({ path: '/api/admin/dashboard' }), expect: authed(200, 200, 403, 403) },
  'GET /api/reports': { call: () => ({ path: `/api/reports?from=${Date.now() - 86_400_000}&to=${Date.now()}&tz=Europe/Madrid` }), expect: authed(200, 200, 403, 403) },
  'POST /api/admin/users/:userId/reset-password': { call: async () => ({ path: `/api/admin/users/${await victim()}/reset-password` }), expect: authed(200, 200, 403, 403) },
  'GET /api/admin/system/health': { call: () => ({ path: '/api/admin/system/health' }), expect: authed(200, 403, 403, 403) },
  'GET /api/audit': { call: () => ({ path: '/api/audit' }), expect: authed(200, 200, 403, 403, 200) },
  ...INBOX_MATRIX,
  ...API_KEY_MATRIX,
  ...WEBHOOK_MATRIX,
};
