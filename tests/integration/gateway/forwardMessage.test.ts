/**
 * *Reenviar* over real HTTP against the real Supervisor, a forked session actor (Baileys) linked
 * to the WhatsApp simulator, and the database: a customer's forward is stored and shown as one;
 * a message forwarded to other chats reaches each contact once, marked forwarded, with the same
 * file, as its forwarder's; a repeat with the same key sends nothing again; the original deleted
 * for everyone leaves the copies whole; who may not read the message or write in a target gets
 * nothing forwarded.
 */
import { createHash } from 'node:crypto';
import type { InboxMessageView } from '@switchboard/shared';
import { Assignment, AuditLog, Media, Message } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'fwd-1';
const PHONE = '34600000881';
const [ALICE, BRUNO, CARLA] = ['34611400881', '34611400882', '34611400883'] as const;
const jid = (phone: string) => `${phone}@s.whatsapp.net`;
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('foto del paquete roto '.repeat(64))]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let w: GatewayWorld;
const tok = { admin: '', supervisor: '', employee: '' };

const forward = (token: string, messageId: string, to: string[], clientId?: string) =>
  w.api('POST', `/api/sessions/${SESSION}/messages/${messageId}/forward`, { token, body: { to, ...(clientId ? { clientId } : {}) } });
const thread = async (phone: string) => (await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${jid(phone)}`, { token: tok.supervisor })).body.data as InboxMessageView[];
/** The bytes of a stored file, as a console downloads them. */
async function fileBytes(mediaId: string): Promise<{ status: number; bytes: Buffer }> {
  const res = await fetch(`${w.url}/api/media/${mediaId}`, { headers: { authorization: `Bearer ${tok.supervisor}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A customer writes; resolves with the stored message once the gateway has it (with its file, for media). */
async function customerSends(phone: string, input: Record<string, unknown>): Promise<InboxMessageView> {
  const { id } = await w.sim!.contactSend(phone, { to: PHONE, ...input });
  const media = 'image' in input;
  const e = await w.rec.waitFor((ev) => ev.type === 'message' && ev.sessionId === SESSION && ev.message.id === id && (!media || !!ev.message.mediaId));
  return (e as { message: InboxMessageView }).message;
}

beforeAll(async () => {
  w = await openGateway('gw-forward', { simulator: true });
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
  await linkSession(w, tok.admin, { sessionId: SESSION, name: 'Tienda', phone: PHONE });
  for (const phone of [ALICE, BRUNO, CARLA]) {
    w.sim!.createContact({ phone });
    await customerSends(phone, { text: 'Hola' });
  }
}, 120_000);

afterAll(async () => {
  await w?.close();
});

describe('forwarding', () => {
  it('stores and shows a customer’s forward as one', async () => {
    const fwd = await customerSends(ALICE, { text: 'Mira lo que me llegó', forwarded: true });
    expect(fwd.forwarded).toBe(true);
    const listed = await thread(ALICE);
    expect(listed.find((m) => m.id === fwd.id)?.forwarded).toBe(true);
    expect(listed.find((m) => m.text === 'Hola')?.forwarded).toBeUndefined();
  });

  it('sends a copy of a photo to each chat once, marked forwarded, with the same file, as its forwarder’s', async () => {
    const photo = await customerSends(ALICE, { image: PHOTO, mimetype: 'image/jpeg', caption: 'El paquete llegó así' });
    const res = await forward(tok.supervisor, photo.id, [jid(BRUNO), CARLA], 'fw-photo-1');
    expect(res.status).toBe(202);
    expect(res.body.forwarded).toEqual([
      { chatId: jid(BRUNO), messageId: expect.any(String), status: 'pending', duplicate: false },
      { chatId: jid(CARLA), messageId: expect.any(String), status: 'pending', duplicate: false },
    ]);
    for (const phone of [BRUNO, CARLA]) {
      const got = await w.sim!.waitForReceived(phone, (m) => m.kind === 'image', 30_000);
      expect(got).toMatchObject({ forwarded: true, caption: 'El paquete llegó así', mimetype: 'image/jpeg' });
      expect(sha(got.media!)).toBe(sha(PHOTO));
    }
    const copies = await Message.find({ sessionId: SESSION, messageId: { $in: res.body.forwarded.map((f: { messageId: string }) => f.messageId) } }).lean();
    expect(copies).toHaveLength(2);
    const original = await Media.findById(photo.mediaId).lean();
    for (const copy of copies) {
      expect(copy).toMatchObject({ fromMe: true, kind: 'image', forwarded: true, caption: 'El paquete llegó así' });
      expect(String(copy.userId)).toBe(w.users.supervisor.id);
      // Its own file record, in its own chat (whoever answers that chat may open it), over the same bytes.
      const media = await Media.findById(copy.mediaId).lean();
      expect(media).toMatchObject({ chatId: copy.chatId, direction: 'out', sha256: original!.sha256 });
      expect(String(media!.gridFsId)).toBe(String(original!.gridFsId));
    }
    const audit = await AuditLog.findOne({ action: 'message.forward', targetId: photo.id }).lean();
    expect(audit?.details).toEqual({ sessionId: SESSION, chatId: jid(ALICE), to: [jid(BRUNO), jid(CARLA)], kind: 'image' });

    // The same request again (a retry after a lost answer) forwards nothing twice, and leaves no stray file.
    const mediaBefore = await Media.countDocuments({ sessionId: SESSION });
    const again = await forward(tok.supervisor, photo.id, [jid(BRUNO), jid(CARLA)], 'fw-photo-1');
    expect(again.body.forwarded.map((f: { duplicate: boolean; messageId: string }) => [f.duplicate, f.messageId])).toEqual(res.body.forwarded.map((f: { messageId: string }) => [true, f.messageId]));
    expect(await Media.countDocuments({ sessionId: SESSION })).toBe(mediaBefore);
    await forward(tok.supervisor, (await customerSends(BRUNO, { text: 'marca' })).id, [jid(BRUNO)]);
    await w.sim!.waitForReceived(BRUNO, (m) => m.text === 'marca', 30_000);
    expect(w.sim!.received(BRUNO).filter((m) => m.kind === 'image')).toHaveLength(1);

    // The customer deletes the original for everyone: its file goes, the copies keep theirs.
    await w.sim!.contactSend(ALICE, { to: PHONE, revoke: { targetId: photo.id } });
    await w.rec.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.id === photo.id && e.message.revokedAt !== undefined);
    expect(await Media.exists({ _id: photo.mediaId })).toBeNull();
    for (const copy of copies) {
      const file = await fileBytes(String(copy.mediaId));
      expect([file.status, sha(file.bytes)]).toEqual([200, sha(PHOTO)]);
    }
    const gone = await forward(tok.supervisor, photo.id, [jid(BRUNO)]);
    expect([gone.status, gone.body.error.code]).toEqual([409, 'message_deleted']);
  });

  it('forwards text and locations as they are; refuses what cannot be forwarded, with the reason', async () => {
    const text = await customerSends(ALICE, { text: 'Pedido *#4521*: 2 camisetas' });
    const res = await forward(tok.admin, text.id, [jid(BRUNO)]);
    expect(res.status).toBe(202);
    expect(await w.sim!.waitForReceived(BRUNO, (m) => m.text === 'Pedido *#4521*: 2 camisetas', 30_000)).toMatchObject({ kind: 'text', forwarded: true });
    const place = await customerSends(ALICE, { location: { latitude: 40.4168, longitude: -3.7038, name: 'Puerta del Sol' } });
    await forward(tok.admin, place.id, [jid(CARLA)]);
    expect(await w.sim!.waitForReceived(CARLA, (m) => m.kind === 'location', 30_000)).toMatchObject({ forwarded: true, location: { latitude: 40.4168, longitude: -3.7038, name: 'Puerta del Sol' } });

    const reaction = await customerSends(ALICE, { reaction: { emoji: '👍', targetId: text.id } });
    expect(await forward(tok.admin, reaction.id, [jid(BRUNO)]).then((r) => [r.status, r.body.error.code])).toEqual([409, 'not_forwardable']);
    expect((await forward(tok.admin, 'NO-SUCH-MESSAGE', [jid(BRUNO)])).status).toBe(404);
    const unknownChat = await forward(tok.admin, text.id, ['34699999999']);
    expect([unknownChat.status, unknownChat.body.error.message]).toEqual([404, 'The chat 34699999999@s.whatsapp.net does not exist']);
    expect((await forward(tok.admin, text.id, ['34611400881', '34611400882', '34611400883', '34611400884', '34611400885', '34611400886'])).status).toBe(400);
    expect((await forward(tok.admin, text.id, [])).status).toBe(400);
  });

  it('forwards only what the caller may read, only where the caller may write', async () => {
    await Assignment.create({ sessionId: SESSION, chatId: jid(BRUNO), userId: w.users.employee.id });
    const bruno = await customerSends(BRUNO, { text: 'Número de seguimiento: ES123' });
    const alice = await customerSends(ALICE, { text: 'Solo para supervisores' });
    const before = await Message.countDocuments({ sessionId: SESSION, fromMe: true });
    // A chat the employee does not answer, as a target or as the source.
    expect((await forward(tok.employee, bruno.id, [jid(ALICE)])).status).toBe(403);
    expect((await forward(tok.employee, alice.id, [jid(BRUNO)])).status).toBe(403);
    // One forbidden target refuses the whole forward: nothing goes to the allowed one either.
    expect((await forward(tok.employee, bruno.id, [jid(BRUNO), jid(CARLA)])).status).toBe(403);
    expect(await Message.countDocuments({ sessionId: SESSION, fromMe: true })).toBe(before);
    const own = await forward(tok.employee, bruno.id, [jid(BRUNO)]);
    expect(own.status).toBe(202);
    await w.sim!.waitForReceived(BRUNO, (m) => m.text === 'Número de seguimiento: ES123' && m.forwarded === true, 30_000);
  });
});
