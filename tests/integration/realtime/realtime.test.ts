import { randomBytes } from 'node:crypto';
import type { MessageView } from '@switchboard/shared';
import { Assignment, Role, User, connectDatabase, disconnectDatabase, silentLogger } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbUri } from '../../support/testDb.ts';
import {
  assign,
  barrier,
  connectClient,
  createSessions,
  createUser,
  disconnected,
  nextEvent,
  record,
  seedRoles,
  startRealtime,
  type Client,
  type TestUser,
} from './support/fixtures.ts';
import { RecordingHub } from './support/recordingHub.ts';

const secret = randomBytes(32).toString('hex');
const CHAT_A = '15550002222@s.whatsapp.net';
const CHAT_B = '15550003333@s.whatsapp.net';
const hub = new RecordingHub();
let server: Awaited<ReturnType<typeof startRealtime>>;
let roles: Awaited<ReturnType<typeof seedRoles>>;
let admin: TestUser;
let assigned: TestUser;
let unassigned: TestUser;
const open: Client[] = [];

const text = (sessionId: string, chatId: string, id: string): MessageView => ({
  id,
  sessionId,
  chatId,
  fromMe: false,
  kind: 'text',
  text: 'hola',
  status: 'delivered',
  timestamp: Date.now(),
});

async function client(auth: Parameters<typeof connectClient>[1]): Promise<Client> {
  const socket = await connectClient(server.url, auth);
  open.push(socket);
  return socket;
}

beforeAll(async () => {
  await connectDatabase(testDbUri('realtime'), silentLogger());
  roles = await seedRoles();
  await createSessions('s1', 's2');
  admin = await createUser(secret, roles.admin, 'admin');
  assigned = await createUser(secret, roles.employee, 'ana');
  unassigned = await createUser(secret, roles.employee, 'bruno');
  await assign(assigned.id, 's1', CHAT_A);
  server = await startRealtime(hub, secret, { healthIntervalMs: 50 });
});

afterAll(async () => {
  for (const s of open) s.close();
  await server?.close();
  await disconnectDatabase();
});

describe('socket handshake', () => {
  it('refuses a socket without a token, with a bad token and with an expired token, each with a clear code', async () => {
    await expect(connectClient(server.url, {})).rejects.toMatchObject({ data: { code: 'auth_required' } });
    await expect(connectClient(server.url, { token: 'not-a-jwt' })).rejects.toMatchObject({ data: { code: 'invalid_token' } });
    const expired = await createUser(secret, roles.admin, 'old', -10);
    await expect(connectClient(server.url, { token: expired.token })).rejects.toMatchObject({ data: { code: 'token_expired' } });
    const pending = await createUser(secret, roles.admin, 'pending');
    await User.updateOne({ _id: pending.id }, { $set: { mustChangePassword: true } });
    await expect(connectClient(server.url, { token: pending.token })).rejects.toMatchObject({ data: { code: 'password_change_required' } });
    const forged = await createUser(randomBytes(32).toString('hex'), roles.admin, 'forged');
    await expect(connectClient(server.url, { token: forged.token })).rejects.toMatchObject({ data: { code: 'invalid_token' } });
  });

  it('closes a live socket when its token expires, saying why', async () => {
    // exp is in whole seconds: 2 leaves the handshake at least one second, and the server may close
    // the socket before the test gets it back (nextEvent and disconnected both look at the past).
    const shortLived = await createUser(secret, roles.admin, 'short', 2);
    const socket = await client({ token: shortLived.token });
    const [error] = await Promise.all([nextEvent(socket, 'auth-error'), disconnected(socket)]);
    expect(error.code).toBe('token_expired');
  });

  it('closes the sockets of a user whose tokens were revoked as soon as the gateway says so', async () => {
    const user = await createUser(secret, roles.supervisor, 'leaving');
    const socket = await client({ token: user.token });
    await User.updateOne({ _id: user.id }, { $inc: { tokenVersion: 1 } });
    const closed = new Promise((r) => socket.once('disconnect', r));
    await server.realtime.refreshUser(user.id);
    expect((await nextEvent(socket, 'auth-error')).code).toBe('token_revoked');
    await closed;
    await expect(connectClient(server.url, { token: user.token })).rejects.toMatchObject({ data: { code: 'token_revoked' } });
  });
});

describe('event delivery', () => {
  it('sends chat events only to users allowed to see the chat, and session state to operators', async () => {
    const a = await client({ token: admin.token });
    const e1 = await client({ token: assigned.token });
    const e2 = await client({ token: unassigned.token });
    const [logA, log1, log2] = [a, e1, e2].map((s) => record(s, ['message', 'qr', 'connected', 'connection-state']));

    await hub.record('s1', { type: 'qr', qr: 'QR-1' });
    await hub.record('s1', { type: 'message', message: text('s1', CHAT_A, 'M-A') });
    await hub.record('s1', { type: 'message', message: text('s1', CHAT_B, 'M-B') });
    await hub.record('s2', { type: 'message', message: text('s2', CHAT_A, 'M-S2') });
    await hub.record('s1', { type: 'connection-state', status: 'connected' });
    await Promise.all([a, e1, e2].map(barrier));

    expect(logA!.map((e) => e.name)).toEqual(['qr', 'message', 'message', 'message', 'connection-state', 'connected']);
    expect(log1!.map((e) => e.payload.message?.id ?? e.name)).toEqual(['M-A', 'connection-state', 'connected']);
    expect(log2).toEqual([]);
    const seqs = logA!.filter((e) => e.payload.sessionId === 's1').map((e) => e.payload.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  });

  it('sends a chat note only to the sockets that may read the chat', async () => {
    const a = await client({ token: admin.token });
    const e1 = await client({ token: assigned.token });
    const e2 = await client({ token: unassigned.token });
    const [logA, log1, log2] = [a, e1, e2].map((s) => record(s, ['chat-note', 'chat-note-deleted']));
    const note = { id: 'n1', sessionId: 's1', chatId: CHAT_A, author: { id: admin.id, name: 'admin' }, text: 'Pidió factura', mentions: [], createdAt: new Date().toISOString() };
    server.realtime.emitToChat('s1', CHAT_A, 'chat-note', note);
    server.realtime.emitToChat('s1', CHAT_B, 'chat-note', { ...note, id: 'n2', chatId: CHAT_B });
    server.realtime.emitToChat('s1', CHAT_A, 'chat-note-deleted', { sessionId: 's1', chatId: CHAT_A, id: 'n1' });
    await Promise.all([a, e1, e2].map(barrier));

    expect(logA!.map((e) => `${e.name}:${e.payload.id}`)).toEqual(['chat-note:n1', 'chat-note:n2', 'chat-note-deleted:n1']);
    expect(log1!.map((e) => `${e.name}:${e.payload.id}`)).toEqual(['chat-note:n1', 'chat-note-deleted:n1']);
    expect(log2).toEqual([]);
  });

  it('relays what an agent does in a chat to the others who may read it: never back to them, never about a chat they may not read', async () => {
    const a = await client({ token: admin.token });
    const e1 = await client({ token: assigned.token });
    const e2 = await client({ token: unassigned.token });
    const [logA, log1, log2] = [a, e1, e2].map((s) => record(s, ['agent-activity']));
    const line = (e: { payload: { user: { id: string }; chatId: string; state: string } }) => `${e.payload.user.id === assigned.id ? 'ana' : 'admin'}:${e.payload.chatId === CHAT_A ? 'A' : 'B'}:${e.payload.state}`;

    e1.emit('agent-activity', { sessionId: 's1', chatId: CHAT_B, state: 'viewing' }); // not her chat: dropped
    e1.emit('agent-activity', { sessionId: 's1', chatId: CHAT_A, state: 'viewing' });
    e1.emit('agent-activity', { sessionId: 's1', chatId: CHAT_A, state: 'typing' });
    e1.emit('agent-activity', { sessionId: 's1', chatId: CHAT_A, state: 'dancing' } as never); // malformed: dropped
    a.emit('agent-activity', { sessionId: 's1', chatId: CHAT_B, state: 'viewing' }); // ana may not read B
    a.emit('agent-activity', { sessionId: 's1', chatId: CHAT_A, state: 'viewing' }); // leaves B, opens A
    await Promise.all([e1, a].map(barrier));
    await Promise.all([a, e1, e2].map(barrier));

    expect(logA!.map(line)).toEqual(['ana:A:viewing', 'ana:A:typing']);
    expect(log1!.map(line)).toEqual(['admin:A:viewing']);
    expect(log2).toEqual([]);
    expect((logA![0]!.payload as { user: { name: string } }).user.name).not.toBe('');

    // Going away leaves the chat it had open.
    e1.disconnect();
    await nextEvent(a, 'agent-activity', (p) => p.user.id === assigned.id && p.state === 'left' && p.chatId === CHAT_A);
  });

  it('tells who has a chat only to the sockets that read every chat and every assignment of its session', async () => {
    // Reads every chat of s1 but only their own assignments: the others' names are not theirs to see.
    const role = await Role.create({ name: 'chats-not-assignments', permissions: [{ action: 'read', subject: 'Chat' }, { action: 'read', subject: 'Assignment', conditions: { userId: '${user.id}' } }] });
    const reader = await createUser(secret, role._id.toString(), 'rita');
    const sockets = [await client({ token: admin.token }), await client({ token: assigned.token }), await client({ token: unassigned.token }), await client({ token: reader.token })];
    const logs = sockets.map((s) => record(s, ['chat-assignees']));
    const event = { sessionId: 's1', chatId: CHAT_A, assignees: [{ userId: assigned.id, name: 'ana' }] };
    server.realtime.assigneesChanged(event);
    server.realtime.assigneesChanged({ ...event, sessionId: 's2' });
    await Promise.all(sockets.map(barrier));
    expect(logs[0]!.map((e) => e.payload)).toEqual([event, { ...event, sessionId: 's2' }]);
    expect(logs.slice(1).map((l) => l.length)).toEqual([0, 0, 0]);
  });

  it('knows who has a socket connected (the automatic distribution asks)', async () => {
    const away = await createUser(secret, roles.employee, 'away');
    await client({ token: admin.token });
    await client({ token: assigned.token });
    const ids = await server.realtime.connectedUserIds();
    expect(ids).toEqual(expect.arrayContaining([admin.id, assigned.id]));
    expect(ids).not.toContain(away.id);
  });

  it('tells every socket that may read labels that they changed, and no other', async () => {
    const role = await Role.create({ name: 'no-labels', permissions: [{ action: 'read', subject: 'Session' }] });
    const user = await createUser(secret, role._id.toString(), 'nolan');
    const sockets = [await client({ token: admin.token }), await client({ token: unassigned.token }), await client({ token: user.token })];
    const logs = sockets.map((s) => record(s, ['labels-changed']));
    server.realtime.labelsChanged();
    await Promise.all(sockets.map(barrier));
    expect(logs.map((l) => l.length)).toEqual([1, 1, 0]);
  });

  it('tells what is one user\'s alone (their pins) to every socket of theirs and to nobody else', async () => {
    const sockets = [await client({ token: assigned.token }), await client({ token: assigned.token }), await client({ token: unassigned.token }), await client({ token: admin.token })];
    const logs = sockets.map((s) => record(s, ['chat-pin']));
    await server.realtime.emitToUser(assigned.id, 'chat-pin', { sessionId: 's1', chatId: CHAT_A, pinnedAt: 1 });
    await Promise.all(sockets.map(barrier));
    expect(logs.map((l) => l.length)).toEqual([1, 1, 0, 0]);
    expect(logs[0]![0]!.payload).toEqual({ sessionId: 's1', chatId: CHAT_A, pinnedAt: 1 });
  });

  it('stops an employee\'s chat events as soon as the assignment is removed', async () => {
    const user = await createUser(secret, roles.employee, 'carla');
    await assign(user.id, 's1', CHAT_B);
    const socket = await client({ token: user.token });
    const log = record(socket, ['message']);
    await hub.record('s1', { type: 'message', message: text('s1', CHAT_B, 'BEFORE') });
    await Assignment.deleteOne({ userId: user.id, sessionId: 's1', chatId: CHAT_B });
    await server.realtime.onAssignmentsChanged(user.id);
    await hub.record('s1', { type: 'message', message: text('s1', CHAT_B, 'AFTER') });
    await barrier(socket);
    expect(log.map((e) => e.payload.message.id)).toEqual(['BEFORE']);

    await assign(user.id, 's1', CHAT_B);
    await server.realtime.onAssignmentsChanged(user.id);
    await hub.record('s1', { type: 'message', message: text('s1', CHAT_B, 'AGAIN') });
    await barrier(socket);
    expect(log.map((e) => e.payload.message.id)).toEqual(['BEFORE', 'AGAIN']);
  });

  it('applies a role edited while users are connected once everyone is re-checked', async () => {
    const role = await Role.create({ name: 'viewer', permissions: [{ action: 'read', subject: 'Session' }, { action: 'read', subject: 'Chat' }] });
    const user = await createUser(secret, role._id.toString(), 'vera');
    const socket = await client({ token: user.token });
    const log = record(socket, ['message', 'connection-state']);
    await hub.record('s2', { type: 'message', message: text('s2', CHAT_A, 'VISIBLE') });
    await Role.updateOne({ _id: role._id }, { $set: { permissions: [{ action: 'read', subject: 'Session' }] } });
    await server.realtime.refreshAll();
    await hub.record('s2', { type: 'message', message: text('s2', CHAT_A, 'HIDDEN') });
    await hub.record('s2', { type: 'connection-state', status: 'reconnecting' });
    await barrier(socket);
    expect(log.map((e) => e.payload.message?.id ?? e.name)).toEqual(['VISIBLE', 'connection-state']);
  });

  it('joins sessions created after the socket connected', async () => {
    const socket = await client({ token: admin.token });
    await createSessions('s-late');
    const got = nextEvent(socket, 'qr', (e) => e.sessionId === 's-late');
    await hub.record('s-late', { type: 'qr', qr: 'LATE' });
    expect((await got).qr).toBe('LATE');
  });
});

describe('subscribe and unsubscribe', () => {
  it('acknowledges narrowing and widening, and refuses what the user may not see', async () => {
    const a = await client({ token: admin.token });
    const e1 = await client({ token: assigned.token });
    const ack = (s: Client, ev: 'subscribe' | 'unsubscribe', target: unknown) =>
      s.timeout(5000).emitWithAck(ev, target as never);

    expect(await ack(e1, 'subscribe', { sessionId: 's1', chatId: CHAT_B })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ack(e1, 'subscribe', { sessionId: 's2' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ack(e1, 'subscribe', { sessionId: 42 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await ack(e1, 'subscribe', { sessionId: 's1', chatId: CHAT_A })).toEqual({
      ok: true,
      rooms: expect.arrayContaining([`chat:s1:${CHAT_A}`]),
    });

    const log = record(a, ['message']);
    expect(await ack(a, 'unsubscribe', { sessionId: 's1' })).toEqual({ ok: true, rooms: [] });
    await hub.record('s1', { type: 'message', message: text('s1', CHAT_A, 'MUTED') });
    await hub.record('s2', { type: 'message', message: text('s2', CHAT_A, 'S2') });
    expect(await ack(a, 'subscribe', { sessionId: 's1', chatId: CHAT_B })).toEqual({ ok: true, rooms: [`chat:s1:${CHAT_B}`] });
    await hub.record('s1', { type: 'message', message: text('s1', CHAT_A, 'STILL-MUTED') });
    await hub.record('s1', { type: 'message', message: text('s1', CHAT_B, 'CHAT-B') });
    await barrier(a);
    expect(log.map((e) => e.payload.message.id)).toEqual(['S2', 'CHAT-B']);
  });
});

describe('presence of users and session health', () => {
  it('tells admins when users come online and go offline', async () => {
    const a = await client({ token: admin.token });
    const user = await createUser(secret, roles.employee, 'dora');
    const online = nextEvent(a, 'user-status', (e) => e.userId === user.id && e.online);
    const socket = await client({ token: user.token });
    expect(await online).toMatchObject({ userId: user.id, name: 'dora', online: true });
    const offline = nextEvent(a, 'user-status', (e) => e.userId === user.id && !e.online);
    socket.close();
    expect(await offline).toMatchObject({ userId: user.id, online: false });
  });

  it('sends periodic session-health snapshots to operators', async () => {
    hub.health.push({
      sessionId: 's1',
      status: 'connected',
      pid: 1234,
      startedAt: 1,
      restarts: 2,
      lastHeartbeatAt: 5,
      rssBytes: 100,
      heapUsedBytes: 50,
      eventLoopLagMs: 1,
      lastError: null,
      lastDisconnectCause: null,
      outboxDepth: null,
    });
    const a = await client({ token: admin.token });
    expect(await nextEvent(a, 'session-health', (e) => e.sessionId === 's1')).toMatchObject({ pid: 1234, restarts: 2 });
  });
});
