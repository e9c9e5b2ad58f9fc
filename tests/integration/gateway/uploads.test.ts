/**
 * Uploads and multipart sends as hostile callers use them: authorisation before the file is
 * read, streaming with a hard size limit, types sniffed from the bytes, inline only for types
 * safe to render, and a rate limit. Real gateway, real database (GridFS), no actors.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { Assignment, Media, mediaBucket, putMedia, readMedia, Session } from '@switchboard/shared/node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundledFfmpeg, createMediaPool } from '../../../gateway/src/media-pool/index.ts';
import { createLimiters } from '../../../gateway/src/middlewares/rateLimit.ts';
import { openGateway, type GatewayWorld } from './support/harness.ts';
import { rawRequest } from './support/rawHttp.ts';

const SESSION = 'uploads';
const ALICE = '34611000001@s.whatsapp.net';
const BOB = '34611000002@s.whatsapp.net';
const BOUNDARY = 'sb-test-boundary';

let w: GatewayWorld;
let employee: string;
let admin: string;

/** Options of a hand-written multipart body. */
interface FormStream {
  before?: Record<string, string>;
  after?: Record<string, string>;
  fileName?: string;
  type?: string;
  /** File size in bytes (random bytes, generated as it is sent). */
  size: number;
  /** Stop after this many bytes of the file and never finish (until destroyed). */
  stallAfter?: number;
}

/** A multipart/form-data body generated as it streams (never a buffer of the whole file). */
function formStream(o: FormStream): Readable {
  const field = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  return Readable.from(
    (async function* () {
      for (const [k, v] of Object.entries(o.before ?? {})) yield Buffer.from(field(k, v));
      yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${o.fileName ?? 'data.bin'}"\r\nContent-Type: ${o.type ?? 'application/octet-stream'}\r\n\r\n`);
      for (let sent = 0; sent < o.size; sent += 64 * 1024) {
        if (o.stallAfter !== undefined && sent >= o.stallAfter) await new Promise(() => undefined);
        yield randomBytes(Math.min(64 * 1024, o.size - sent));
      }
      yield Buffer.from('\r\n');
      for (const [k, v] of Object.entries(o.after ?? {})) yield Buffer.from(field(k, v));
      yield Buffer.from(`--${BOUNDARY}--\r\n`);
    })(),
  );
}

/** POSTs a streamed form with the caller's token. */
function postForm(path: string, token: string, body: Readable, signal?: AbortSignal) {
  return rawRequest(w.url, 'POST', path, { headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, body, ...(signal ? { signal } : {}) });
}

/** A one-file form (fetch's FormData) with the given claimed type. */
function fileForm(bytes: Uint8Array, type: string, name: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return form;
}

/** Files and chunks in the GridFS media bucket. */
async function gridFsCounts(): Promise<[number, number]> {
  const db = mediaBucket();
  const files = await db.find({}).toArray();
  const chunks = await Media.db.collection('media.chunks').countDocuments();
  return [files.length, chunks];
}

beforeAll(async () => {
  w = await openGateway('gw-uploads');
  await Session.create({ sessionId: SESSION, name: 'Uploads' });
  await Assignment.create({ sessionId: SESSION, chatId: ALICE, userId: w.users.employee.id });
  [employee, admin] = [await w.login('employee'), await w.login('admin')];
});
afterAll(async () => w?.close());

describe('multipart sends', () => {
  it('refuses an employee with 403 for a chat they are not assigned, whether the session exists or not', async () => {
    for (const session of [SESSION, 'no-such-session']) {
      const form = new FormData();
      form.set('to', BOB);
      form.set('file', new Blob(['hola']), 'a.txt');
      const res = await w.api('POST', `/api/sessions/${session}/messages`, { token: employee, form });
      expect([res.status, res.body.error?.code], session).toEqual([403, 'forbidden']);
    }
  });

  it('answers 403 before reading the file: the refusal arrives while the upload is still stalled', async () => {
    const body = formStream({ before: { to: BOB }, size: 50 * 1024 * 1024, stallAfter: 64 * 1024 });
    try {
      const res = await postForm(`/api/sessions/${SESSION}/messages`, employee, body);
      expect([res.status, res.body.error?.code]).toEqual([403, 'forbidden']);
    } finally {
      body.destroy();
    }
  }, 15_000);

  it('needs `to` before the file, and stores nothing when it comes after', async () => {
    const before = await gridFsCounts();
    const res = await postForm(`/api/sessions/${SESSION}/messages`, employee, formStream({ after: { to: ALICE }, size: 1000, fileName: 'late.bin' }));
    expect([res.status, res.body.error?.code, res.body.error?.details?.[0]?.path]).toEqual([400, 'validation_failed', 'to']);
    expect(await gridFsCounts()).toEqual(before);
    expect(await Media.countDocuments({ fileName: 'late.bin' })).toBe(0);
  });
});

describe('uploads', () => {
  it('aborts an upload over the limit with 413 and leaves no partial file in GridFS', async () => {
    const before = await gridFsCounts();
    const res = await postForm(`/api/sessions/${SESSION}/media?to=${ALICE}`, employee, formStream({ size: 5 * 1024 * 1024, fileName: 'huge.bin' }));
    expect([res.status, res.body.error?.code]).toEqual([413, 'media_too_large']);
    expect(await gridFsCounts()).toEqual(before);
    expect(await Media.countDocuments({ fileName: 'huge.bin' })).toBe(0);
  });

  it('removes the partial file when the client gives up halfway', async () => {
    const before = await gridFsCounts();
    const hangUp = new AbortController();
    const body = formStream({ size: 1.5 * 1024 * 1024, fileName: 'abandoned.bin', stallAfter: 768 * 1024 });
    const sent = postForm(`/api/sessions/${SESSION}/media?to=${ALICE}`, employee, body, hangUp.signal).catch(() => null);
    // Wait until the server has written chunks of the upload, then hang up.
    await vi.waitFor(async () => expect((await gridFsCounts())[1]).toBeGreaterThan(before[1]), { timeout: 10_000, interval: 50 });
    hangUp.abort();
    await sent;
    await vi.waitFor(async () => expect(await gridFsCounts()).toEqual(before), { timeout: 10_000, interval: 50 });
    expect(await Media.countDocuments({ fileName: 'abandoned.bin' })).toBe(0);
  });

  it('stores the type the bytes have, not the one the client claims', async () => {
    const png = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#09f' } }).png().toBuffer();
    const asText = await w.api('POST', `/api/sessions/${SESSION}/media?to=${ALICE}`, { token: employee, form: fileForm(png, 'text/plain', 'notes.txt') });
    expect(asText.status).toBe(201);
    expect(asText.body).toMatchObject({ mimeType: 'image/png', kind: 'image', width: 8, height: 6 });
    const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
    const asPng = await w.api('POST', `/api/sessions/${SESSION}/media?to=${ALICE}`, { token: employee, form: fileForm(html, 'image/png', 'cat.png') });
    expect(asPng.status).toBe(201);
    expect(asPng.body).toMatchObject({ mimeType: 'application/octet-stream', kind: 'document' });
    const served = await w.api('GET', `/api/media/${asPng.body.id}`, { token: employee });
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment; filename="cat.png"/);
    const exe = await w.api('POST', `/api/sessions/${SESSION}/media?to=${ALICE}`, { token: employee, form: fileForm(Buffer.from(`MZ${'\0'.repeat(200)}`), 'application/pdf', 'x.pdf') });
    expect([exe.status, exe.body.error.code]).toEqual([415, 'media_type_not_allowed']);
  });

  it('stores an uploaded video above the threshold as a smaller H.264 MP4 with a JPEG poster, and no trace of the original', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'upload-video-'));
    const pool = createMediaPool({ compressAboveBytes: 100_000, maxThreads: 1 });
    const saved = w.app.deps.upload!;
    w.app.deps.upload = { ...saved, pool };
    try {
      const file = join(dir, 'clip.mov');
      await promisify(execFile)(bundledFfmpeg()!, ['-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=1600x900:rate=10', '-f', 'lavfi', '-i', 'sine', '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '0', '-c:a', 'aac', '-threads', '1', '-f', 'mov', file]);
      const original = await readFile(file);
      expect(original.length).toBeGreaterThan(100_000);
      const before = await gridFsCounts();
      const res = await w.api('POST', `/api/sessions/${SESSION}/media?to=${ALICE}`, { token: employee, form: fileForm(original, 'video/quicktime', 'clip.mov') });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'video', mimeType: 'video/mp4', width: 1280, height: 720, thumbnailUrl: `/api/media/${res.body.id}/thumbnail` });
      expect(res.body.size).toBeLessThan(original.length);
      expect(Math.abs(res.body.durationMs - 2000)).toBeLessThan(300);
      const doc = (await Media.findById(res.body.id).lean())!;
      const stored = await readMedia(doc.gridFsId);
      expect([stored.length, stored.subarray(4, 8).toString()]).toEqual([res.body.size, 'ftyp']);
      expect((await gridFsCounts())[0]).toBe(before[0] + 2); // the MP4 and its poster; the original is gone
      const thumb = await fetch(`${w.url}/api/media/${res.body.id}/thumbnail`, { headers: { authorization: `Bearer ${employee}` } });
      expect([thumb.status, thumb.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
      const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 180]);
    } finally {
      w.app.deps.upload = saved;
      await pool.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rate-limits uploads and multipart sends with 429', async () => {
    const saved = w.app.deps.limiters.upload;
    w.app.deps.limiters.upload = createLimiters({ ...w.settings.rateLimits, uploadPerMinute: 2 }).upload;
    try {
      const upload = () => w.api('POST', `/api/sessions/${SESSION}/media?to=${ALICE}`, { token: employee, form: fileForm(Buffer.from('hola'), 'text/plain', 'r.txt') });
      expect((await upload()).status).toBe(201);
      expect((await upload()).status).toBe(201);
      const limited = await upload();
      expect([limited.status, limited.body.error.code]).toEqual([429, 'rate_limited']);
      const form = new FormData();
      form.set('to', ALICE);
      form.set('file', new Blob(['hola']), 'r.txt');
      expect((await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: employee, form })).status).toBe(429);
    } finally {
      w.app.deps.limiters.upload = saved;
    }
  });
});

describe('serving media', () => {
  /** Incoming media as the session actor stores it (type as WhatsApp announced it). */
  async function incoming(bytes: Buffer, mimeType: string, fileName: string | null): Promise<string> {
    const blob = await putMedia(bytes, { contentType: mimeType });
    const doc = await Media.create({ sessionId: SESSION, chatId: ALICE, kind: 'document', mimeType, size: blob.size, sha256: blob.sha256, gridFsId: blob.id, direction: 'in', fileName });
    return doc._id.toString();
  }

  it('serves only images (not SVG), audio, video and PDF inline; anything else as an attachment, never sniffed', async () => {
    const cases: Array<[string, string | null, string]> = [
      ['image/png', null, 'inline'],
      ['application/pdf', 'a.pdf', 'inline'],
      ['audio/ogg', null, 'inline'],
      ['text/html', 'page.html', 'attachment; filename="page.html"'],
      ['image/svg+xml', 'logo.svg', 'attachment; filename="logo.svg"'],
      ['application/xhtml+xml', null, 'attachment; filename="'],
      ['text/plain', 'a.txt', 'attachment; filename="a.txt"'],
    ];
    for (const [type, name, disposition] of cases) {
      const id = await incoming(Buffer.from('<svg onload="alert(1)"/>'), type, name);
      const res = await w.api('GET', `/api/media/${id}`, { token: admin });
      expect(res.status, type).toBe(200);
      expect(res.headers.get('content-disposition'), type).toMatch(new RegExp(`^${disposition.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(res.headers.get('x-content-type-options'), type).toBe('nosniff');
    }
  });
});
