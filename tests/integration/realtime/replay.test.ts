import { randomBytes } from 'node:crypto';
import type { MessageView } from '@switchboard/shared';
import { connectDatabase, disconnectDatabase, silentLogger } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSessionEvents } from '../../../gateway/src/realtime/eventLog.ts';
import { SeqTracker } from '@switchboard/shared';
import { io as connect } from 'socket.io-client';
import { testDbUri } from '../../support/testDb.ts';
import {
  assign,
  barrier,
  connectClient,
  createSessions,
  createUser,
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
let admin: TestUser;
let employee: TestUser;
const open: Client[] = [];

const text = (chatId: string, id: string): MessageView => ({
  id,
  sessionId: 's1',
  chatId,
  fromMe: false,
  kind: 'text',
  text: id,
  status: 'delivered',
  timestamp: Date.now(),
});

async function client(auth: Parameters<typeof connectClient>[1]): Promise<Client> {
  const socket = await connectClient(server.url, auth);
  open.push(socket);
  return socket;
}

/** Connects with lastSeq and collects its messages and `replay-done` from the start. */
async function reconnect(user: TestUser, lastSeq: Record<string, number>): Promise<{ socket: Client; log: ReturnType<typeof record> }> {
  const socket = await client({ token: user.token, lastSeq });
  return { socket, log: record(socket, ['message', 'replay-done'], { fromStart: true }) };
}

beforeAll(async () => {
  await connectDatabase(testDbUri('realtime-replay'), silentLogger());
  const roles = await seedRoles();
  await createSessions('s1');
  admin = await createUser(secret, roles.admin, 'admin');
  employee = await createUser(secret, roles.employee, 'eva');
  await assign(employee.id, 's1', CHAT_A);
  server = await startRealtime(hub, secret, { replayLimit: 300 });
});

afterAll(async () => {
  for (const s of open) s.close();
  await server?.close();
  await disconnectDatabase();
});

describe('gap-free replay', () => {
  it('gives a socket that reconnects with its last seq the 100 messages it missed, once and in order', async () => {
    const first = await client({ token: admin.token });
    const seen = nextEvent(first, 'message', (e) => e.message.id === 'before');
    const before = await hub.record('s1', { type: 'message', message: text(CHAT_A, 'before') });
    expect((await seen).seq).toBe(before.seq);
    first.close();

    const missed: number[] = [];
    for (let i = 0; i < 100; i++) {
      missed.push((await hub.record('s1', { type: 'message', message: text(i % 2 ? CHAT_A : CHAT_B, `m${i}`) })).seq);
    }
    const { socket, log } = await reconnect(admin, { s1: before.seq });
    const done = await nextEvent(socket, 'replay-done');
    expect(done).toEqual({ lastSeq: { s1: missed.at(-1) }, truncated: [] });
    const messages = log.filter((e) => e.name === 'message').map((e) => e.payload);
    expect(messages.map((m) => m.seq)).toEqual(missed);
    expect(messages.map((m) => m.message.id)).toEqual(missed.map((_, i) => `m${i}`));
  });

  it('replays to an employee only the missed events of assigned chats', async () => {
    const start = await hub.record('s1', { type: 'message', message: text(CHAT_A, 'mark') });
    for (let i = 0; i < 10; i++) await hub.record('s1', { type: 'message', message: text(i % 2 ? CHAT_A : CHAT_B, `e${i}`) });
    await hub.record('s1', { type: 'qr', qr: 'secret-qr' });
    const { socket, log } = await reconnect(employee, { s1: start.seq });
    await nextEvent(socket, 'replay-done');
    expect(log.filter((e) => e.name === 'message').map((e) => e.payload.message.id)).toEqual(['e1', 'e3', 'e5', 'e7', 'e9']);
  });

  it('has no gap and no duplicate when events keep arriving during the replay', async () => {
    const start = await hub.record('s1', { type: 'message', message: text(CHAT_A, 'start') });
    for (let i = 0; i < 150; i++) await hub.record('s1', { type: 'message', message: text(CHAT_A, `old${i}`) });
    const { socket, log } = await reconnect(admin, { s1: start.seq });
    // Publish while the server is still paging through the replay.
    const live: number[] = [];
    for (let i = 0; i < 30; i++) live.push((await hub.record('s1', { type: 'message', message: text(CHAT_A, `new${i}`) })).seq);
    await nextEvent(socket, 'message', (e) => e.message.id === 'new29');
    const seqs = log.filter((e) => e.name === 'message').map((e) => e.payload.seq);
    const expected = Array.from({ length: 180 }, (_, i) => start.seq + 1 + i);
    expect(seqs).toEqual(expected);
    expect(live.at(-1)).toBe(expected.at(-1));
    expect(log.some((e) => e.name === 'replay-done')).toBe(true);
  });

  it('delivers once an event published live while the replay reads the database', async () => {
    const start = await hub.record('s1', { type: 'message', message: text(CHAT_A, 'anchor') });
    await hub.record('s1', { type: 'message', message: text(CHAT_A, 'stored') });
    // The replay's database read overlaps with live publication: one event is published just
    // before the read (so it is both in the page and in the live buffer), one just after.
    const racing = await startRealtime(hub, secret, {}, {
      readEvents: async (sessionId, after, limit) => {
        await hub.record(sessionId, { type: 'message', message: text(CHAT_A, 'during-1') });
        const page = await readSessionEvents(sessionId, after, limit);
        await hub.record(sessionId, { type: 'message', message: text(CHAT_A, 'during-2') });
        return page;
      },
    });
    try {
      const socket = await connectClient(racing.url, { token: admin.token, lastSeq: { s1: start.seq } });
      open.push(socket);
      await nextEvent(socket, 'message', (e) => e.message.id === 'during-2');
      const ids = record(socket, ['message'], { fromStart: true }).map((e) => e.payload.message.id);
      expect(ids).toEqual(['stored', 'during-1', 'during-2']);
    } finally {
      await racing.close();
    }
  });

  it('reports a gap larger than the replay limit instead of replaying it', async () => {
    const start = await hub.record('s1', { type: 'message', message: text(CHAT_A, 'far') });
    for (let i = 0; i < 301; i++) await hub.record('s1', { type: 'message', message: text(CHAT_A, `x${i}`) });
    const { socket, log } = await reconnect(admin, { s1: start.seq });
    expect(await nextEvent(socket, 'replay-done')).toEqual({ lastSeq: {}, truncated: ['s1'] });
    expect(log.filter((e) => e.name === 'message')).toEqual([]);
  });

  it('lets a client that tracks seqs survive a dropped connection with socket.io\'s own reconnection', async () => {
    const tracker = new SeqTracker();
    const ids: string[] = [];
    const socket: Client = connect(server.url, {
      auth: (cb) => cb({ token: admin.token, lastSeq: tracker.lastSeq() }),
      transports: ['websocket'],
      reconnectionDelay: 20,
      reconnectionDelayMax: 50,
    });
    open.push(socket);
    const waiters: Array<{ id: string; resolve: () => void }> = [];
    const seen = (id: string): Promise<void> =>
      ids.includes(id) ? Promise.resolve() : new Promise((resolve) => waiters.push({ id, resolve }));
    socket.on('message', (e) => {
      if (tracker.observe(e)) ids.push(e.message.id);
      for (const w of waiters) if (w.id === e.message.id) w.resolve();
    });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    await barrier(socket);
    await hub.record('s1', { type: 'message', message: text(CHAT_A, 'live-1') });
    await seen('live-1');
    const dropped = new Promise<void>((r) => socket.once('disconnect', () => r()));
    socket.io.engine.close(); // the network drops; the client reconnects by itself
    await dropped;
    const missed: string[] = [];
    for (let i = 0; i < 20; i++) {
      await hub.record('s1', { type: 'message', message: text(CHAT_A, `away-${i}`) });
      missed.push(`away-${i}`);
    }
    await seen('away-19');
    expect(ids).toEqual(['live-1', ...missed]);
  });

  it('resets a client that claims a seq beyond the log, so it does not drop new events', async () => {
    const latest = await hub.record('s1', { type: 'message', message: text(CHAT_A, 'now') });
    const { socket, log } = await reconnect(admin, { s1: latest.seq + 1000 });
    expect(await nextEvent(socket, 'replay-done')).toEqual({ lastSeq: { s1: latest.seq }, truncated: [] });
    const next = await hub.record('s1', { type: 'message', message: text(CHAT_A, 'after-reset') });
    await nextEvent(socket, 'message', (e) => e.seq === next.seq);
    expect(log.filter((e) => e.name === 'message').map((e) => e.payload.message.id)).toEqual(['after-reset']);
  });

  it('ignores a malformed lastSeq and sessions the user cannot see', async () => {
    const { socket, log } = await reconnect(employee, { s1: -5, nope: 3, s2: 'x' } as never);
    expect(await nextEvent(socket, 'replay-done')).toEqual({ lastSeq: {}, truncated: [] });
    expect(log.filter((e) => e.name === 'message')).toEqual([]);
  });
});
