import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Chat, connectDatabase, disconnectDatabase, Media, putMedia, silentLogger } from '@switchboard/shared/node';
import Koa from 'koa';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaPool } from '../../../gateway/src/media-pool/index.ts';
import { onerror } from '../../../gateway/src/middlewares/onerror.ts';
import { mediaRouter, storeStream } from '../../../gateway/src/routes/media/index.ts';
import { testDbUri } from '../../support/testDb.ts';
import { assign, createSessions, createUser, seedRoles, type TestUser } from './support/fixtures.ts';

const secret = randomBytes(32).toString('hex');
const CHAT_A = '15550002222@s.whatsapp.net';
const CHAT_B = '15550003333@s.whatsapp.net';
const MAX = 6 * 1024 * 1024;
const pool = createMediaPool({ compressAboveBytes: 300_000, maxThreads: 2 });
/** The first bytes of an Ogg Opus file (what a voice note starts with). */
const OGG_OPUS = Buffer.from(`OggS\0\x02${'\0'.repeat(20)}\x01\x13OpusHead\x01\x01`, 'latin1');
/** A PDF-looking document: the magic bytes, then noise. */
const pdfBytes = (size: number): Buffer => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
const sha = (b: Buffer | Uint8Array): string => createHash('sha256').update(b).digest('hex');
let base = '';
let server: Server;
let admin: TestUser;
let employee: TestUser;
let outsider: TestUser;

/** A JSON body of any shape (assertions check it). */
const json = async (res: Response): Promise<any> => res.json();

async function call(user: TestUser | null, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (user) headers.set('authorization', `Bearer ${user.token}`);
  return fetch(`${base}${path}`, { ...init, headers });
}

async function upload(user: TestUser, bytes: Buffer, type: string, name: string, query = ''): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return call(user, `/api/sessions/s1/media${query}`, { method: 'POST', body: form });
}

/** An incoming media file as the session actor stores it. */
async function incoming(chatId: string, bytes: Buffer, mimeType: string): Promise<string> {
  const blob = await putMedia(bytes, { contentType: mimeType });
  const doc = await Media.create({ sessionId: 's1', chatId, kind: 'audio', mimeType, size: blob.size, sha256: blob.sha256, gridFsId: blob.id, direction: 'in' });
  return doc._id.toString();
}

beforeAll(async () => {
  await connectDatabase(testDbUri('media-routes'), silentLogger());
  const roles = await seedRoles();
  await createSessions('s1');
  admin = await createUser(secret, roles.admin, 'admin');
  employee = await createUser(secret, roles.employee, 'eva');
  outsider = await createUser(secret, roles.employee, 'otto');
  await assign(employee.id, 's1', CHAT_A);
  const app = new Koa();
  app.use(onerror(silentLogger()));
  const hub = { call: async () => Promise.reject(new Error('no actor in this test')) } as never;
  app.use(mediaRouter({ jwtSecret: secret, pool, hub, logger: silentLogger(), limits: { maxBytes: MAX } }).routes());
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await pool.close();
  await disconnectDatabase();
});

describe('media upload', () => {
  it('compresses a large image in the pool and serves the stored bytes with their sha256', async () => {
    const raw = Buffer.alloc(1600 * 1200 * 3);
    let x = 7;
    for (let i = 0; i < raw.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      raw[i] = Math.floor((((i / 3) % 1600) * 200) / 1600) + ((x >>> 16) & 31); // gradient + grain, photo-like
    }
    const png = await sharp(raw, { raw: { width: 1600, height: 1200, channels: 3 } }).png().toBuffer();
    const res = await upload(admin, png, 'image/png', 'photo.png', `?to=${CHAT_A}`);
    expect(res.status).toBe(201);
    const info = await json(res);
    expect(info).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', width: 1600, height: 1200, chatId: CHAT_A, direction: 'out' });
    expect(info.size).toBeLessThan(png.length);
    const bytes = Buffer.from(await (await call(admin, info.url)).arrayBuffer());
    expect([bytes.length, sha(bytes)]).toEqual([info.size, info.sha256]);
    const thumb = await call(admin, info.thumbnailUrl);
    expect([thumb.status, thumb.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width).toBe(320);
  });

  it('refuses files over MEDIA_MAX_BYTES (413), disallowed types (415) and requests without a file', async () => {
    const big = await upload(admin, Buffer.alloc(MAX + 1), 'application/pdf', 'big.pdf');
    expect([big.status, (await json(big)).error.code]).toEqual([413, 'media_too_large']);
    const exe = await upload(admin, Buffer.from('MZ'), 'application/x-msdownload', 'a.exe');
    expect([exe.status, (await json(exe)).error.code]).toEqual([415, 'media_type_not_allowed']);
    const jsonBody = await call(admin, '/api/sessions/s1/media', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect([jsonBody.status, (await json(jsonBody)).error.code]).toEqual([415, 'multipart_required']);
    const form = new FormData();
    form.append('note', 'no file');
    const none = await call(admin, '/api/sessions/s1/media', { method: 'POST', body: form });
    expect([none.status, (await json(none)).error.code]).toEqual([400, 'file_required']);
    const stranger = await upload(outsider, Buffer.from('x'), 'text/plain', 'a.txt', `?to=${CHAT_A}`);
    expect(stranger.status).toBe(403);
    const anon = await call(null, '/api/sessions/s1/media', { method: 'POST' });
    expect(anon.status).toBe(401);
  });
});

describe('storing a stream', () => {
  it('stores a stream within the limits and refuses one that is too large or of a refused type', async () => {
    const limits = { maxBytes: 1000 };
    // An Ogg Opus header first: the stored type is sniffed from the bytes, not taken from the caller.
    const chunks = (n: number) => (async function* () {
      for (let i = 0; i < n; i++) yield i === 0 ? new Uint8Array(100).fill(0).map((_, j) => OGG_OPUS[j] ?? 0) : new Uint8Array(100).fill(i);
    })();
    const doc = await storeStream(chunks(5), 'audio/ogg', { sessionId: 's1', chatId: CHAT_A }, { pool, limits });
    expect([doc.size, doc.kind, doc.chatId]).toEqual([500, 'audio', CHAT_A]);
    await expect(storeStream(chunks(11), 'audio/ogg', { sessionId: 's1' }, { pool, limits })).rejects.toMatchObject({ status: 413, code: 'media_too_large' });
    await expect(storeStream(chunks(1), 'application/x-sh', { sessionId: 's1' }, { pool, limits })).rejects.toMatchObject({ status: 415, code: 'media_type_not_allowed' });
  });
});

describe('media download with ranges and permissions', () => {
  let docId = '';
  let doc: Buffer;

  beforeAll(async () => {
    doc = pdfBytes(5 * 1024 * 1024);
    const res = await upload(employee, Buffer.from(doc), 'application/pdf', 'contrato ñ.pdf', `?to=${CHAT_A}`);
    expect(res.status).toBe(201);
    docId = (await json(res)).id;
  });

  it('returns identical bytes of a 5 MB document to the assigned employee', async () => {
    const res = await call(employee, `/api/media/${docId}`);
    expect([res.status, res.headers.get('accept-ranges'), res.headers.get('content-type')]).toEqual([200, 'bytes', 'application/pdf']);
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(doc));
  });

  it('answers Range requests with 206 and the exact slice, and 416 past the end', async () => {
    const mid = await call(employee, `/api/media/${docId}`, { headers: { range: 'bytes=1000-1999' } });
    expect([mid.status, mid.headers.get('content-range'), mid.headers.get('content-length')]).toEqual([206, `bytes 1000-1999/${doc.length}`, '1000']);
    expect(Buffer.from(await mid.arrayBuffer()).equals(doc.subarray(1000, 2000))).toBe(true);
    const tail = await call(employee, `/api/media/${docId}`, { headers: { range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(doc.subarray(doc.length - 10))).toBe(true);
    const past = await call(employee, `/api/media/${docId}`, { headers: { range: `bytes=${doc.length}-` } });
    expect([past.status, past.headers.get('content-range'), (await json(past)).error.code]).toEqual([416, `bytes */${doc.length}`, 'range_not_satisfiable']);
  });

  it('streams audio ranges of incoming media like a player asks for them', async () => {
    const audio = randomBytes(300_000);
    const id = await incoming(CHAT_A, audio, 'audio/ogg');
    const res = await call(employee, `/api/media/${id}`, { headers: { range: 'bytes=0-' } });
    expect([res.status, res.headers.get('content-range')]).toEqual([206, `bytes 0-299999/300000`]);
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(audio));
  });

  it('offers a download with the file name, and metadata under /info', async () => {
    const dl = await call(employee, `/api/media/${docId}/download`);
    expect(dl.headers.get('content-disposition')).toBe(`attachment; filename="contrato _.pdf"; filename*=UTF-8''contrato%20%C3%B1.pdf`);
    await dl.arrayBuffer();
    const info = await json(await call(employee, `/api/media/${docId}/info`));
    expect(info).toMatchObject({ id: docId, size: doc.length, sha256: sha(doc), fileName: 'contrato ñ.pdf', chatId: CHAT_A });
  });

  it('hides media of other chats from employees and lets only operators delete', async () => {
    const other = await incoming(CHAT_B, Buffer.from('secret'), 'audio/ogg');
    expect((await call(employee, `/api/media/${other}`)).status).toBe(404);
    expect((await call(outsider, `/api/media/${docId}/info`)).status).toBe(404);
    expect((await call(employee, `/api/media/${docId}`, { method: 'DELETE' })).status).toBe(403);
    expect((await call(null, `/api/media/${docId}`)).status).toBe(401);
    const bad = await call(admin, '/api/media/not-an-id');
    expect([bad.status, (await json(bad)).error.code]).toEqual([400, 'invalid_media_id']);

    const list = async (u: TestUser) => (await json(await call(u, '/api/media/session/s1?limit=200'))) as { data: Array<{ chatId: string; id: string }>; total: number };
    const mine = await list(employee);
    expect(mine.data.every((m) => m.chatId === CHAT_A)).toBe(true);
    expect(mine.data.some((m) => m.id === docId)).toBe(true);
    expect((await list(admin)).data.some((m) => m.id === other)).toBe(true);
    expect((await list(outsider)).total).toBe(0);

    // A file the employee uploaded before its chat was known (no chatId) stays theirs to read.
    const ownBlob = await putMedia(Buffer.from('draft'), { contentType: 'text/plain' });
    const own = await Media.create({ sessionId: 's1', kind: 'document', mimeType: 'text/plain', size: ownBlob.size, sha256: ownBlob.sha256, gridFsId: ownBlob.id, direction: 'out', uploadedBy: employee.id });
    expect((await call(employee, `/api/media/${own._id.toString()}`)).status).toBe(200);
    expect((await call(outsider, `/api/media/${own._id.toString()}`)).status).toBe(404);
    expect((await list(employee)).data.some((m) => m.id === own._id.toString())).toBe(true);

    expect((await call(admin, `/api/media/${other}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(admin, `/api/media/${other}`)).status).toBe(404);
  });
});

describe('profile pictures', () => {
  it('serves a fresh cached picture, 404 when the contact has none, 403 for unassigned users', async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#0a0' } }).png().toBuffer();
    const blob = await putMedia(png, { contentType: 'image/png' });
    const media = await Media.create({ sessionId: 's1', chatId: CHAT_A, kind: 'image', mimeType: 'image/png', size: blob.size, sha256: blob.sha256, gridFsId: blob.id, direction: 'in' });
    await Chat.create({ sessionId: 's1', jid: CHAT_A, profilePicture: { mediaId: media._id, url: null, fetchedAt: new Date() } });
    await Chat.create({ sessionId: 's1', jid: CHAT_B, profilePicture: { mediaId: null, url: null, fetchedAt: new Date() } });
    const res = await call(employee, `/api/sessions/s1/chats/${CHAT_A}/photo`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(png));
    const none = await call(admin, `/api/sessions/s1/chats/${CHAT_B}/photo`);
    expect([none.status, (await json(none)).error.code]).toEqual([404, 'no_profile_picture']);
    expect((await call(outsider, `/api/sessions/s1/chats/${CHAT_A}/photo`)).status).toBe(403);
  });
});
