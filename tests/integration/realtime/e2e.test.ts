/**
 * End to end through every real component: the Supervisor forking the real session actor
 * (Baileys) linked to the WhatsApp simulator, the gateway's Koa app with the media routes and
 * Socket.IO, real socket.io clients, and the database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type GatewaySettings } from '@switchboard/gateway';
import { Chat, Role, silentLogger } from '@switchboard/shared/node';
import type { Supervisor } from '@switchboard/supervisor';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRealtime, gatewaySocketAuth, type Realtime } from '../../../gateway/src/realtime/index.ts';
import { createMediaModule, refreshProfilePictures, type MediaModule } from '../../../gateway/src/routes/media/index.ts';
import { openCluster, type Cluster } from '../cluster/harness.ts';
import { assign, barrier, connectClient, createUser, nextEvent, record, seedRoles, type Client, type TestUser } from './support/fixtures.ts';

const SESSION = 'rt-e2e';
const PHONE = '34600900001';
const ALICE = '15550002222';
const ALICE_JID = `${ALICE}@s.whatsapp.net`;
const secret = randomBytes(32).toString('hex');
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

let cluster: Cluster;
let sup: Supervisor;
let server: Server;
let realtime: Realtime;
let media: MediaModule;
let base = '';
let admin: TestUser;
let assigned: TestUser;
let outsider: TestUser;
const open: Client[] = [];

async function client(user: TestUser, lastSeq?: Record<string, number>): Promise<Client> {
  const socket = await connectClient(base, { token: user.token, ...(lastSeq ? { lastSeq } : {}) });
  open.push(socket);
  return socket;
}

const call = (user: TestUser, path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${base}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${user.token}` } });

beforeAll(async () => {
  cluster = await openCluster('realtime_e2e');
  ({ sup } = cluster.supervisor());
  await cluster.createSession(SESSION);
  const roles = await seedRoles();
  admin = await createUser(secret, roles.admin, 'admin');
  assigned = await createUser(secret, roles.employee, 'ana');
  outsider = await createUser(secret, roles.employee, 'otto');
  await assign(assigned.id, SESSION, ALICE_JID);

  const settings: GatewaySettings = {
    jwtSecret: secret,
    jwtExpiresIn: '1h',
    corsOrigins: [],
    bodyLimit: '100kb',
    frontendUrl: 'http://console.test',
    dataDir: cluster.dataDir,
    smtp: null,
    alertEmails: [],
    rateLimits: { loginPerMinute: 1000, forgotPasswordPerHour: 1000, sendPerMinute: 1000 },
    trustProxy: false,
  };
  media = createMediaModule({ config: { MEDIA_MAX_BYTES: 16 * 1024 * 1024, MEDIA_COMPRESS_ABOVE_BYTES: 5 * 1024 * 1024 }, jwtSecret: secret, hub: sup.hub, logger: silentLogger(), maxThreads: 1 });
  const app = createApp({ settings, logger: silentLogger(), hub: sup.hub, upload: media.upload });
  server = createServer(app.callback());
  realtime = attachRealtime(server, { hub: sup.hub, logger: silentLogger(), ...gatewaySocketAuth(secret) });
  app.deps.realtime = realtime;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of open) s.close();
  await realtime?.close();
  await new Promise((r) => server?.close(r));
  await media?.close();
  await cluster?.close();
});

describe('realtime and media end to end', () => {
  it('links the session: the operator sees the QR and the connection over Socket.IO', async () => {
    const operator = await client(admin);
    await sup.start(SESSION);
    const qr = await nextEvent(operator, 'qr', (e) => e.sessionId === SESSION);
    cluster.sim.createPhone({ phone: PHONE });
    await cluster.sim.scanQr(PHONE, qr.qr);
    const connected = await nextEvent(operator, 'connected', (e) => e.sessionId === SESSION && e.connected);
    expect(connected.seq).toBeGreaterThan(qr.seq);
    cluster.sim.createContact({ phone: ALICE, name: 'Alice' });
  });

  it('delivers an incoming image to the assigned employee only, with media whose bytes and ranges are right', async () => {
    const [emp, other, operator] = [await client(assigned), await client(outsider), await client(admin)];
    const otherLog = record(other, ['message', 'message-sent', 'message-status', 'qr', 'connection-state']);
    const image = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#3a6' } }).jpeg().toBuffer();
    const { id } = await cluster.sim.contactSend(ALICE, { to: PHONE, image, caption: 'mira' });
    const got = await nextEvent(emp, 'message', (e) => e.message.id === id);
    expect(got.message).toMatchObject({ kind: 'image', chatId: ALICE_JID, fromMe: false });
    expect(got.mediaUrl).toBe(`/api/media/${got.message.mediaId}`);
    await nextEvent(operator, 'message', (e) => e.message.id === id);
    await barrier(other);
    expect(otherLog).toEqual([]);

    const full = await call(assigned, got.mediaUrl!);
    expect(full.status).toBe(200);
    expect(sha(new Uint8Array(await full.arrayBuffer()))).toBe(sha(image));
    const part = await call(assigned, got.mediaUrl!, { headers: { range: 'bytes=10-109' } });
    expect([part.status, part.headers.get('content-range')]).toEqual([206, `bytes 10-109/${image.length}`]);
    expect(Buffer.from(await part.arrayBuffer()).equals(image.subarray(10, 110))).toBe(true);
    expect((await call(outsider, got.mediaUrl!)).status).toBe(404);
  });

  it('sends a 5 MB document from an employee over REST: identical bytes reach the contact, sent/delivered/read relayed in seq order', async () => {
    const emp = await client(assigned);
    const log = record(emp, ['message-sent', 'message-status']);
    const doc = randomBytes(5 * 1024 * 1024);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(doc)], { type: 'application/pdf' }), 'informe.pdf');
    const up = await call(assigned, `/api/sessions/${SESSION}/media?to=${ALICE}`, { method: 'POST', body: form });
    expect(up.status).toBe(201);
    const { id: mediaId } = (await up.json()) as { id: string };
    const send = await call(assigned, `/api/sessions/${SESSION}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: ALICE, mediaId, kind: 'document', fileName: 'informe.pdf', clientId: 'e2e-doc-1' }),
    });
    expect(send.status).toBe(202);
    const { messageId } = (await send.json()) as { messageId: string };
    const received = await cluster.sim.waitForReceived(ALICE, (m) => m.id === messageId, 60_000);
    expect(received.kind).toBe('document');
    expect(sha(received.media!)).toBe(sha(doc));

    await nextEvent(emp, 'message-status', (e) => e.messageId === messageId && e.status === 'delivered');
    await cluster.sim.sendReceipt(ALICE, messageId, 'read');
    await nextEvent(emp, 'message-status', (e) => e.messageId === messageId && e.status === 'read');
    const mine = log.filter((e) => (e.payload.message?.id ?? e.payload.messageId) === messageId);
    // Each event once, in the seq order the Supervisor assigned, and in the order that makes
    // sense to a user: sent, then delivered, then read.
    const seqs = mine.map((e) => e.payload.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(3);
    expect(mine.map((e) => (e.name === 'message-sent' ? 'sent' : e.payload.status))).toEqual(['sent', 'delivered', 'read']);
  });

  it('sends an uploaded image with its stored thumbnail as the WhatsApp preview', async () => {
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 20, g: 120, b: 200 } } }).png().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'foto.png');
    const up = await call(assigned, `/api/sessions/${SESSION}/media?to=${ALICE}`, { method: 'POST', body: form });
    expect(up.status).toBe(201);
    const info = (await up.json()) as { id: string; thumbnailUrl: string };
    const thumb = Buffer.from(await (await call(assigned, info.thumbnailUrl)).arrayBuffer());
    const send = await call(assigned, `/api/sessions/${SESSION}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: ALICE, mediaId: info.id, kind: 'image', caption: 'Así queda', clientId: 'e2e-img-1' }),
    });
    expect(send.status).toBe(202);
    const { messageId } = (await send.json()) as { messageId: string };
    const received = await cluster.sim.waitForReceived(ALICE, (m) => m.id === messageId, 60_000);
    expect([received.kind, received.caption]).toEqual(['image', 'Así queda']);
    expect(thumb.length).toBeGreaterThan(0);
    expect(received.jpegThumbnail && sha(received.jpegThumbnail)).toBe(sha(thumb));
  });

  it('gives a socket that was away while 100 messages arrived all of them once, in order', async () => {
    const emp = await client(assigned);
    const operator = await client(admin);
    const mark = await cluster.sim.contactSend(ALICE, { to: PHONE, text: 'antes' });
    const before = await nextEvent(emp, 'message', (e) => e.message.id === mark.id);
    emp.close();

    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await cluster.sim.contactSend(ALICE, { to: PHONE, text: `mensaje ${i}` })).id);
    await nextEvent(operator, 'message', (e) => e.message.id === ids[99]);
    const live = record(operator, ['message'], { fromStart: true }).filter((e) => ids.includes(e.payload.message.id));

    const back = await client(assigned, { [SESSION]: before.seq });
    await nextEvent(back, 'replay-done');
    const replayed = record(back, ['message'], { fromStart: true }).map((e) => e.payload);
    expect(replayed.map((m) => m.message.id).sort()).toEqual([...ids].sort());
    expect(replayed.map((m) => m.seq)).toEqual(live.map((e) => e.payload.seq));
    expect(new Set(replayed.map((m) => m.seq)).size).toBe(100);
  });

  it('follows assignments made and removed over REST: events start and stop for that employee', async () => {
    const bob = await createUser(secret, (await Role.findOne({ name: 'employee' }).lean())!._id.toString(), 'bob');
    const socket = await client(bob);
    const log = record(socket, ['message']);
    const json = { 'content-type': 'application/json' };
    const made = await call(admin, `/api/sessions/${SESSION}/assignments`, { method: 'POST', headers: json, body: JSON.stringify({ chatId: ALICE, userId: bob.id }) });
    expect(made.status).toBe(201);
    const { id: assignmentId } = (await made.json()) as { id: string };
    await nextEvent(socket, 'access-changed', (e) => e.rooms.includes(`chat:${SESSION}:${ALICE_JID}`));
    const first = await cluster.sim.contactSend(ALICE, { to: PHONE, text: 'para bob' });
    await nextEvent(socket, 'message', (e) => e.message.id === first.id);

    const removed = await call(admin, `/api/sessions/${SESSION}/assignments/${assignmentId}`, { method: 'DELETE' });
    expect(removed.status).toBeLessThan(300);
    await nextEvent(socket, 'access-changed', (e) => !e.rooms.includes(`chat:${SESSION}:${ALICE_JID}`));
    // Connected before the message is sent: a socket without lastSeq gets only what comes after it.
    const operator = await client(admin);
    const second = await cluster.sim.contactSend(ALICE, { to: PHONE, text: 'ya no' });
    await nextEvent(operator, 'message', (e) => e.message.id === second.id);
    await barrier(socket);
    expect(log.map((e) => e.payload.message.id)).toEqual([first.id]);
  });

  it('serves and refreshes contact profile pictures through the session actor', async () => {
    const first = await sharp({ create: { width: 96, height: 96, channels: 3, background: '#c33' } }).jpeg().toBuffer();
    cluster.sim.setProfilePicture(ALICE, first);
    const photo = await call(assigned, `/api/sessions/${SESSION}/chats/${ALICE_JID}/photo`);
    expect(photo.status).toBe(200);
    expect(sha(new Uint8Array(await photo.arrayBuffer()))).toBe(sha(first));

    const second = await sharp({ create: { width: 96, height: 96, channels: 3, background: '#33c' } }).jpeg().toBuffer();
    cluster.sim.setProfilePicture(ALICE, second);
    // A day passes: the cached picture expires and the scheduled job fetches the new one.
    await Chat.updateOne({ sessionId: SESSION, jid: ALICE_JID }, { $set: { 'profilePicture.fetchedAt': new Date(Date.now() - 25 * 3600_000) } });
    const result = await refreshProfilePictures({ hub: sup.hub, logger: silentLogger() });
    expect(result).toMatchObject({ refreshed: 1, failed: 0 });
    const again = await call(assigned, `/api/sessions/${SESSION}/chats/${ALICE_JID}/photo`);
    expect(sha(new Uint8Array(await again.arrayBuffer()))).toBe(sha(second));
  });
});
