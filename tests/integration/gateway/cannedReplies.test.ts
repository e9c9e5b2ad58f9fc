/**
 * Canned replies over real HTTP and the real database: employees keep their own, supervisors
 * share theirs with everyone, shortcuts are unique per owner (shared ones counting as one).
 */
import { AuditLog, CannedReply, Media } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

let w: GatewayWorld;
const tok = { supervisor: '', employee: '', outsider: '' };

beforeAll(async () => {
  w = await openGateway('gw-canned');
  tok.supervisor = await w.login('supervisor');
  tok.employee = await w.login('employee');
  tok.outsider = await w.login('outsider');
});
afterAll(async () => w?.close());

const create = (token: string, body: unknown) => w.api('POST', '/api/canned-replies', { token, body });
const list = async (token: string) => ((await w.api('GET', '/api/canned-replies', { token })).body.data as { shortcut: string; shared: boolean }[]).map((c) => `${c.shortcut}${c.shared ? '*' : ''}`);

describe('canned replies', () => {
  it('lists the caller\'s own replies and the shared ones, never another employee\'s', async () => {
    const shared = await create(tok.supervisor, { shortcut: 'horario', text: 'Abrimos de 9 a 18 h', shared: true });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ shortcut: 'horario', shared: true, ownerId: null, text: 'Abrimos de 9 a 18 h' });
    const own = await create(tok.employee, { shortcut: 'Gracias', text: '¡Gracias por escribirnos!' });
    expect(own.body).toMatchObject({ shortcut: 'gracias', shared: false, ownerId: w.users.employee.id });
    await create(tok.outsider, { shortcut: 'privado', text: 'solo mío' });

    expect(await list(tok.employee)).toEqual(['gracias', 'horario*']);
    expect(await list(tok.outsider)).toEqual(['horario*', 'privado']);
    expect(await list(tok.supervisor)).toEqual(['horario*']);
    const audit = await AuditLog.findOne({ action: 'canned_reply.create', targetId: own.body.id }).lean();
    expect(audit?.details).toEqual({ shortcut: 'gracias', shared: false }); // never the text
  });

  it('keeps shortcuts unique per owner, the shared scope counting as one owner', async () => {
    expect((await create(tok.outsider, { shortcut: 'gracias', text: 'otra persona, mismo atajo' })).status).toBe(201);
    const dup = await create(tok.employee, { shortcut: 'gracias', text: 'repetido' });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'shortcut_taken']);
    const sharedDup = await create(tok.supervisor, { shortcut: 'horario', text: 'otro horario', shared: true });
    expect([sharedDup.status, sharedDup.body.error.code]).toEqual([409, 'shortcut_taken']);
    const bad = await create(tok.employee, { shortcut: 'con espacios', text: 'x' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
    const long = await create(tok.employee, { shortcut: 'largo', text: 'x'.repeat(4097) });
    expect(long.status).toBe(400);
  });

  it('lets employees edit and delete their own replies only, and never share one', async () => {
    const mine = await CannedReply.findOne({ ownerId: w.users.employee.id, shortcut: 'gracias' }).lean();
    const theirs = await CannedReply.findOne({ ownerId: w.users.outsider.id, shortcut: 'privado' }).lean();
    const shared = await CannedReply.findOne({ ownerId: null, shortcut: 'horario' }).lean();
    const put = (token: string, id: unknown, body: unknown) => w.api('PUT', `/api/canned-replies/${String(id)}`, { token, body });

    expect((await put(tok.employee, mine!._id, { text: 'Mil gracias' })).body).toMatchObject({ text: 'Mil gracias', shared: false });
    expect((await put(tok.employee, theirs!._id, { text: 'hackeado' })).status).toBe(404);
    expect((await put(tok.employee, shared!._id, { text: 'hackeado' })).status).toBe(403);
    expect((await put(tok.employee, mine!._id, { shared: true })).status).toBe(403);
    expect((await create(tok.employee, { shortcut: 'compartido', text: 'x', shared: true })).status).toBe(403);
    const clash = await create(tok.employee, { shortcut: 'otra', text: 'x' });
    const renamed = await put(tok.employee, clash.body.id, { shortcut: 'gracias' });
    expect([renamed.status, renamed.body.error.code]).toEqual([409, 'shortcut_taken']);
    expect((await put(tok.employee, clash.body.id, {})).status).toBe(400);

    expect((await w.api('DELETE', `/api/canned-replies/${String(shared!._id)}`, { token: tok.employee })).status).toBe(403);
    expect((await w.api('DELETE', `/api/canned-replies/${String(theirs!._id)}`, { token: tok.employee })).status).toBe(404);
    expect((await w.api('DELETE', `/api/canned-replies/${clash.body.id}`, { token: tok.employee })).status).toBe(204);
    expect(await list(tok.employee)).toEqual(['gracias', 'horario*']);
  });

  it('lets supervisors edit shared replies and share one of their own', async () => {
    const shared = await CannedReply.findOne({ ownerId: null, shortcut: 'horario' }).lean();
    const edited = await w.api('PUT', `/api/canned-replies/${String(shared!._id)}`, { token: tok.supervisor, body: { text: 'De 9 a 20 h' } });
    expect(edited.body).toMatchObject({ text: 'De 9 a 20 h', shared: true });
    const own = await create(tok.supervisor, { shortcut: 'envios', text: 'Enviamos en 24 h' });
    const promoted = await w.api('PUT', `/api/canned-replies/${own.body.id}`, { token: tok.supervisor, body: { shared: true } });
    expect(promoted.body).toMatchObject({ shared: true, ownerId: null });
    expect(await list(tok.employee)).toEqual(['envios*', 'gracias', 'horario*']);
  });
});

describe('a canned reply’s file', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('Tarifas 2027: camisetas 12 €, sudaderas 25 €\n'.repeat(40)), Buffer.from('%%EOF\n')]);
  const form = (bytes: Buffer, name: string, type: string) => {
    const f = new FormData();
    f.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    return f;
  };
  const attach = (token: string, id: string, body: FormData) => w.api('PUT', `/api/canned-replies/${id}/file`, { token, form: body });
  const download = async (token: string, id: string) => {
    const res = await fetch(`${w.url}/api/canned-replies/${id}/file`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), disposition: res.headers.get('content-disposition') };
  };
  const mediaOf = async (id: string) => (await CannedReply.findById(id).lean())?.file?.mediaId;

  it('is attached by who may change the reply, downloaded by who may read it, and replaced or removed with its bytes', async () => {
    const reply = await create(tok.supervisor, { shortcut: 'tarifas', text: 'Te paso las tarifas de este año', shared: true });
    const id = reply.body.id as string;
    expect(reply.body.file).toBeNull();

    const put = await attach(tok.supervisor, id, form(pdf, 'Tarifas 2027.pdf', 'application/pdf'));
    expect([put.status, put.body.file]).toEqual([200, { fileName: 'Tarifas 2027.pdf', mimeType: 'application/pdf', size: pdf.length }]);
    expect((await w.api('GET', '/api/canned-replies', { token: tok.employee })).body.data.find((c: { id: string }) => c.id === id).file).toEqual(put.body.file);
    // An employee reads it (to send it) but may not change a shared reply's file.
    const got = await download(tok.employee, id);
    expect([got.status, got.bytes.equals(pdf), got.disposition]).toEqual([200, true, expect.stringContaining('Tarifas 2027.pdf')]);
    expect((await attach(tok.employee, id, form(pdf, 'otro.pdf', 'application/pdf'))).status).toBe(403);
    expect((await w.api('DELETE', `/api/canned-replies/${id}/file`, { token: tok.employee })).status).toBe(403);
    const audit = await AuditLog.findOne({ action: 'canned_reply.attach', targetId: id }).lean();
    expect(audit?.details).toEqual({ shortcut: 'tarifas', mimeType: 'application/pdf', size: pdf.length });

    // A new file replaces the old one, whose bytes go.
    const first = await mediaOf(id);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
    const replaced = await attach(tok.supervisor, id, form(png, 'catalogo.png', 'image/png'));
    expect(replaced.body.file).toMatchObject({ fileName: 'catalogo.png', mimeType: 'image/png' });
    expect(await Media.exists({ _id: first })).toBeNull();
    expect((await download(tok.employee, id)).bytes.equals(png)).toBe(true);

    // What is not allowed is refused with the upload rules of every file.
    const html = await attach(tok.supervisor, id, form(Buffer.from('<html><script>alert(1)</script></html>'), 'x.html', 'text/html'));
    expect([html.status, html.body.error.code]).toEqual([415, 'media_type_not_allowed']);
    expect((await CannedReply.findById(id).lean())?.file?.fileName).toBe('catalogo.png');
    const plain = await w.api('PUT', `/api/canned-replies/${id}/file`, { token: tok.supervisor, body: { file: 'no' } });
    expect([plain.status, plain.body.error.code]).toEqual([415, 'multipart_required']);

    const second = await mediaOf(id);
    const removed = await w.api('DELETE', `/api/canned-replies/${id}/file`, { token: tok.supervisor });
    expect([removed.status, removed.body.file]).toEqual([200, null]);
    expect(await Media.exists({ _id: second })).toBeNull();
    expect((await download(tok.employee, id)).status).toBe(404);
  });

  it('goes with its reply', async () => {
    const own = await create(tok.employee, { shortcut: 'catalogo', text: 'Nuestro catálogo' });
    await attach(tok.employee, own.body.id, form(pdf, 'catalogo.pdf', 'application/pdf'));
    const media = await mediaOf(own.body.id);
    expect(await Media.exists({ _id: media })).not.toBeNull();
    // Another employee's reply does not exist for the outsider: no file either.
    expect((await download(tok.outsider, own.body.id)).status).toBe(404);
    expect((await w.api('DELETE', `/api/canned-replies/${own.body.id}`, { token: tok.employee })).status).toBe(204);
    expect(await Media.exists({ _id: media })).toBeNull();
  });
});
