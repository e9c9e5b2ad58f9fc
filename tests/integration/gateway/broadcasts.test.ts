/**
 * *Enviar a varias conversaciones* over real HTTP against the real Supervisor, a forked session
 * actor (Baileys) linked to the WhatsApp simulator, and the database, on a fake clock: one
 * message to several chats becomes a scheduled reply per chat under one batch, the first at once
 * and each next one a steady step later; each goes once when its time comes, in order, with its
 * own words; what the caller may not write in, or the session does not have, is left out and
 * said so; a second one from the same account starts after the first; the rest of a batch stops
 * in one call and never goes. A customer who writes "BAJA" is left out of them until the team
 * takes them back in.
 */
import type { BroadcastSummaryView, BroadcastView } from '@switchboard/shared';
import { randomBytes } from 'node:crypto';
import { Assignment, AuditLog, Media, ScheduledMessage, silentLogger } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduledSends, type ScheduledSender } from '../../../gateway/src/automation/scheduledSends.ts';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'bcast-1';
const PHONE = '34600000881';
const [ALICE, BRUNO, CARLA] = ['34611300881', '34611300882', '34611300883'] as const;
const jid = (phone: string) => `${phone}@s.whatsapp.net`;

let w: GatewayWorld;
let sender: ScheduledSender;
let clock = Date.now();
const tok = { admin: '', supervisor: '', employee: '' };

const broadcast = (token: string, body: unknown) => w.api('POST', `/api/sessions/${SESSION}/broadcasts`, { token, body });
const batch = (token: string, batchId: string, method: 'GET' | 'DELETE' = 'GET') => w.api(method, `/api/sessions/${SESSION}/broadcasts/${batchId}`, { token });
/** The recent messages to several conversations, as the caller may see them. */
const recent = async (token: string) => (await w.api('GET', `/api/broadcasts?sessionId=${SESSION}`, { token })).body.data as BroadcastSummaryView[];
const receivedTexts = (phone: string) => w.sim!.received(phone).map((m) => m.text);
/** When the inbox list says the chat's next scheduled reply goes. */
const nextInList = async (phone: string) =>
  ((await w.api('GET', `/api/chats?view=all&sessionId=${SESSION}&q=${phone}`, { token: tok.supervisor })).body.data as { id: string; nextScheduledAt: number | null }[]).find((c) => c.id === jid(phone))?.nextScheduledAt;

beforeAll(async () => {
  w = await openGateway('gw-broadcasts', { simulator: true, now: () => new Date(clock) });
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
  await linkSession(w, tok.admin, { sessionId: SESSION, name: 'Tienda', phone: PHONE });
  for (const phone of [ALICE, BRUNO, CARLA]) {
    w.sim!.createContact({ phone });
    await w.sim!.contactSend(phone, { to: PHONE, text: '¿Abrís el sábado?' });
    await w.rec.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.chatId === jid(phone));
  }
  sender = startScheduledSends({ hub: w.hub, logger: silentLogger(), now: () => clock, intervalMs: 0 });
}, 120_000);

afterAll(async () => {
  await sender?.stop();
  await w?.close();
});

describe('a message to several conversations', () => {
  it('refuses what cannot be sent: no chats, one twice, a burst, too many, empty words', async () => {
    const refused = async (body: unknown) => {
      const res = await broadcast(tok.supervisor, body);
      return [res.status, res.body.error?.code];
    };
    expect(await refused({ messages: [], everySeconds: 10 })).toEqual([400, 'validation_failed']);
    // The same chat as a number and as a JID.
    expect(await refused({ messages: [{ chatId: ALICE, text: 'Hola' }, { chatId: jid(ALICE), text: 'Hola' }] })).toEqual([400, 'validation_failed']);
    expect(await refused({ messages: [{ chatId: jid(ALICE), text: 'Hola' }], everySeconds: 1 })).toEqual([400, 'validation_failed']);
    expect(await refused({ messages: Array.from({ length: 101 }, (_, i) => ({ chatId: `3461130${String(i).padStart(4, '0')}`, text: 'Hola' })) })).toEqual([400, 'validation_failed']);
    expect(await refused({ messages: [{ chatId: jid(ALICE), text: '   ' }] })).toEqual([400, 'validation_failed']);
    expect(await refused({ messages: [{ chatId: jid(ALICE), text: 'Hola' }], startAt: clock - 1000 })).toEqual([400, 'invalid_start_at']);
    expect(await refused({ messages: [{ chatId: jid(ALICE), text: 'Hola' }], startAt: clock + 400 * 86_400_000 })).toEqual([400, 'invalid_start_at']);
    // Every chat refused: the first refusal, and nothing scheduled.
    expect(await refused({ messages: [{ chatId: '34699999999', text: 'Hola' }] })).toEqual([404, 'not_found']);
    expect(await ScheduledMessage.countDocuments({ sessionId: SESSION })).toBe(0);
  });

  it('sends each chat its own words, one after another at the pace asked, and stops the rest in one call', async () => {
    const start = clock;
    const res = await broadcast(tok.supervisor, {
      messages: [
        { chatId: jid(ALICE), text: 'Hola Alicia: el sábado abrimos de 10 a 14.' },
        { chatId: '34699999999', text: 'Hola: el sábado abrimos de 10 a 14.' },
        { chatId: BRUNO, text: 'Hola Bruno: el sábado abrimos de 10 a 14.' },
        { chatId: jid(CARLA), text: 'Hola Carla: el sábado abrimos de 10 a 14.' },
      ],
      everySeconds: 30,
    });
    expect(res.status).toBe(201);
    const out = res.body as BroadcastView;
    expect(out.data.map((s) => [s.chatId, s.sendAt, s.status, s.batchId])).toEqual([
      [jid(ALICE), start + 1000, 'scheduled', out.batchId],
      [jid(BRUNO), start + 31_000, 'scheduled', out.batchId],
      [jid(CARLA), start + 61_000, 'scheduled', out.batchId],
    ]);
    expect(out.refused).toEqual([{ chatId: jid('34699999999'), code: 'not_found', message: 'The chat does not exist' }]);
    // Each chat shows its reply waiting, as any scheduled one.
    expect(await nextInList(CARLA)).toBe(start + 61_000);
    // Another one from the same account waits its turn: after this one's last, at its own pace.
    const next = (await broadcast(tok.supervisor, { messages: [{ chatId: jid(ALICE), text: 'Y el domingo, cerrado.' }], everySeconds: 10 })).body as BroadcastView;
    expect(next.data.map((d) => d.sendAt)).toEqual([start + 71_000]);
    expect((await batch(tok.supervisor, next.batchId, 'DELETE')).body).toEqual({ cancelled: 1 });
    // One that starts tomorrow at 9 starts then, whatever is still going.
    const tomorrow = start + 20 * 3600_000;
    const later = (await broadcast(tok.supervisor, { messages: [{ chatId: jid(ALICE), text: 'Mañana abrimos a las 9.' }, { chatId: jid(CARLA), text: 'Mañana abrimos a las 9.' }], everySeconds: 60, startAt: tomorrow })).body as BroadcastView;
    expect(later.data.map((d) => d.sendAt)).toEqual([tomorrow, tomorrow + 60_000]);
    expect((await batch(tok.supervisor, later.batchId, 'DELETE')).body).toEqual({ cancelled: 2 });

    expect(await sender.runDue()).toBe(0);
    clock = start + 1000;
    expect(await sender.runDue()).toBe(1);
    await w.sim!.waitForReceived(ALICE, (m) => m.text === 'Hola Alicia: el sábado abrimos de 10 a 14.', 30_000);
    // Bruno's waits for its step.
    clock = start + 30_000;
    expect(await sender.runDue()).toBe(0);
    clock = start + 31_000;
    expect(await sender.runDue()).toBe(1);
    await w.sim!.waitForReceived(BRUNO, (m) => m.text === 'Hola Bruno: el sábado abrimos de 10 a 14.', 30_000);

    // Stop the rest: Carla's never goes; what went stays.
    const stop = await batch(tok.supervisor, out.batchId, 'DELETE');
    expect([stop.status, stop.body]).toEqual([200, { cancelled: 1 }]);
    expect(await nextInList(CARLA)).toBeNull();
    clock = start + 120_000;
    expect(await sender.runDue()).toBe(0);
    expect(receivedTexts(CARLA)).toEqual([]);
    expect((await batch(tok.supervisor, out.batchId, 'DELETE')).body).toEqual({ cancelled: 0 });

    const read = await batch(tok.supervisor, out.batchId);
    expect((read.body as BroadcastView).data.map((s) => [s.chatId, s.status])).toEqual([
      [jid(ALICE), 'sent'],
      [jid(BRUNO), 'sent'],
      [jid(CARLA), 'cancelled'],
    ]);
    expect(receivedTexts(ALICE).filter((t) => t?.startsWith('Hola Alicia'))).toHaveLength(1);
    // The recent ones, newest first: each summed up with the words of its first send, so one can be followed and stopped later.
    const list = await recent(tok.supervisor);
    expect(list.map((b) => [b.batchId, b.total, b.sent, b.waiting, b.failed, b.cancelled, b.firstAt, b.lastAt, b.sample])).toEqual([
      [later.batchId, 2, 0, 0, 0, 2, tomorrow, tomorrow + 60_000, 'Mañana abrimos a las 9.'],
      [next.batchId, 1, 0, 0, 0, 1, start + 71_000, start + 71_000, 'Y el domingo, cerrado.'],
      [out.batchId, 3, 2, 0, 0, 1, start + 1000, start + 61_000, 'Hola Alicia: el sábado abrimos de 10 a 14.'],
    ]);
    expect(list[1]).toMatchObject({ sessionId: SESSION, author: { id: w.users.supervisor.id } });

    // The audit log says how many and at what pace, never the words.
    const made = await AuditLog.findOne({ action: 'chat.broadcast', 'details.batchId': out.batchId }).lean();
    expect(made).toMatchObject({ targetType: 'Session', targetId: SESSION, details: { batchId: out.batchId, chats: 3, refused: 1, everySeconds: 30, lastAt: start + 61_000 } });
    expect(JSON.stringify(made)).not.toContain('sábado');
    const stops = await AuditLog.find({ action: 'chat.broadcast_cancel', 'details.batchId': out.batchId }).sort({ _id: 1 }).lean();
    expect(stops.map((e) => e.details)).toEqual([
      { batchId: out.batchId, cancelled: 1 },
      { batchId: out.batchId, cancelled: 0 },
    ]);
  });

  it('leaves out, and names, the chats the caller may not write in', async () => {
    const assignment = await Assignment.create({ sessionId: SESSION, chatId: jid(ALICE), userId: w.users.employee.id });
    try {
      const res = await broadcast(tok.employee, { messages: [{ chatId: jid(ALICE), text: 'Alicia, ya está tu pedido.' }, { chatId: jid(BRUNO), text: 'Bruno, ya está tu pedido.' }] });
      expect(res.status).toBe(201);
      const out = res.body as BroadcastView;
      expect(out.data.map((s) => s.chatId)).toEqual([jid(ALICE)]);
      expect(out.refused.map((r) => [r.chatId, r.code])).toEqual([[jid(BRUNO), 'forbidden']]);
      expect((await broadcast(tok.employee, { messages: [{ chatId: jid(BRUNO), text: 'Hola' }] })).status).toBe(403);
      // Another's batch in a chat the employee does not answer: not theirs to read or stop.
      const others = (await broadcast(tok.supervisor, { messages: [{ chatId: jid(CARLA), text: 'Hola Carla' }] })).body as BroadcastView;
      expect((await batch(tok.employee, others.batchId)).status).toBe(403);
      // Her list counts only the sends in the chat she answers: Carla's batch is not in it, and the earlier one is Alicia's send alone.
      const hers = await recent(tok.employee);
      expect(hers.map((b) => b.batchId)).toContain(out.batchId);
      expect(hers.map((b) => b.batchId)).not.toContain(others.batchId);
      expect(hers.map((b) => b.total)).toEqual(hers.map(() => 1));
      expect(hers.length).toBeGreaterThan(1);
      expect((await batch(tok.employee, others.batchId, 'DELETE')).status).toBe(403);
      expect((await batch(tok.supervisor, others.batchId, 'DELETE')).body).toEqual({ cancelled: 1 });
      expect((await batch(tok.employee, out.batchId, 'DELETE')).body).toEqual({ cancelled: 1 });
      expect((await batch(tok.supervisor, '0123456789abcdef01234567')).status).toBe(404);
    } finally {
      await Assignment.deleteOne({ _id: assignment._id });
    }
  });

  it('leaves out a customer who wrote "BAJA", until the team takes them back in; an employee may leave out, not take back', async () => {
    await w.sim!.contactSend(BRUNO, { to: PHONE, text: 'BAJA' });
    // Every console hears it with the chat's update, and the list says so from then on.
    const update = await w.rec.waitFor((e) => e.type === 'chat-update' && e.sessionId === SESSION && e.chatId === jid(BRUNO) && e.optedOut !== undefined);
    expect(update).toMatchObject({ optedOut: { at: expect.any(Number), byCustomer: true, word: 'BAJA' } });
    const row = async (phone: string) =>
      ((await w.api('GET', `/api/chats?view=all&sessionId=${SESSION}&q=${phone}`, { token: tok.supervisor })).body.data as { id: string; optedOut: unknown }[]).find((c) => c.id === jid(phone));
    expect((await row(BRUNO))?.optedOut).toEqual({ at: expect.any(Number), byCustomer: true, word: 'BAJA' });
    // A question about it is not a request.
    await w.sim!.contactSend(CARLA, { to: PHONE, text: '¿Cómo me doy de baja del club?' });
    await w.rec.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.chatId === jid(CARLA) && e.message.text === '¿Cómo me doy de baja del club?');
    expect((await row(CARLA))?.optedOut).toBeNull();

    const res = await broadcast(tok.supervisor, { messages: [{ chatId: jid(BRUNO), text: 'Rebajas' }, { chatId: jid(CARLA), text: 'Rebajas' }] });
    const out = res.body as BroadcastView;
    expect(out.data.map((d) => d.chatId)).toEqual([jid(CARLA)]);
    expect(out.refused.map((r) => [r.chatId, r.code])).toEqual([[jid(BRUNO), 'opted_out']]);
    expect((await batch(tok.supervisor, out.batchId, 'DELETE')).body).toEqual({ cancelled: 1 });
    expect((await broadcast(tok.supervisor, { messages: [{ chatId: jid(BRUNO), text: 'Rebajas' }] })).status).toBe(409);

    const optOut = (token: string, phone: string, optedOut: boolean) => w.api('PUT', `/api/sessions/${SESSION}/chats/${encodeURIComponent(jid(phone))}/opt-out`, { token, body: { optedOut } });
    const assignment = await Assignment.create({ sessionId: SESSION, chatId: jid(CARLA), userId: w.users.employee.id });
    try {
      // The employee answering Carla leaves her out; taking her back in is not theirs to do.
      const out1 = await optOut(tok.employee, CARLA, true);
      expect([out1.status, out1.body.optedOut]).toEqual([200, { at: clock, byCustomer: false, word: null }]);
      expect((await optOut(tok.employee, CARLA, false)).status).toBe(403);
    } finally {
      await Assignment.deleteOne({ _id: assignment._id });
    }
    // Leaving Bruno out again keeps his own request.
    expect((await optOut(tok.supervisor, BRUNO, true)).body.optedOut).toMatchObject({ byCustomer: true, word: 'BAJA' });
    for (const phone of [BRUNO, CARLA]) expect((await optOut(tok.supervisor, phone, false)).body).toEqual({ optedOut: null });
    const again = (await broadcast(tok.supervisor, { messages: [{ chatId: jid(BRUNO), text: 'Rebajas' }] })).body as BroadcastView;
    expect(again.data.map((d) => d.chatId)).toEqual([jid(BRUNO)]);
    await batch(tok.supervisor, again.batchId, 'DELETE');
    const audit = await AuditLog.find({ action: 'chat.opt_out', targetId: jid(CARLA) }).sort({ _id: 1 }).lean();
    expect(audit.map((a) => a.details)).toEqual([
      { sessionId: SESSION, optedOut: true },
      { sessionId: SESSION, optedOut: false },
    ]);
  });

  it('sends a file with each one’s words, stored once; a stopped send takes its copy away, never the others’ bytes', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(3000)]);
    const upload = async () => {
      const f = new FormData();
      f.append('file', new Blob([pdf], { type: 'application/pdf' }), 'catalogo-invierno.pdf');
      const res = await w.api('POST', `/api/sessions/${SESSION}/media`, { token: tok.supervisor, form: f });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const uploaded = await upload();
    const start = clock;
    const res = await broadcast(tok.supervisor, {
      messages: [
        { chatId: jid(ALICE), text: 'Alicia, te paso el catálogo de invierno.' },
        { chatId: jid(CARLA), text: 'Carla, te paso el catálogo de invierno.' },
      ],
      everySeconds: 5,
      file: { mediaId: uploaded },
    });
    expect(res.status).toBe(201);
    const out = res.body as BroadcastView;
    expect(out.data.map((s) => [s.chatId, s.file?.kind, s.file?.fileName, s.file?.size])).toEqual([
      [jid(ALICE), 'document', 'catalogo-invierno.pdf', pdf.length],
      [jid(CARLA), 'document', 'catalogo-invierno.pdf', pdf.length],
    ]);
    // Each conversation has its own Media document over the one stored file; the upload itself is gone.
    const copies = await Media.find({ _id: { $in: out.data.map((s) => s.file!.mediaId) } }).lean();
    expect(copies.map((m) => m.chatId).sort()).toEqual([jid(ALICE), jid(CARLA)]);
    expect(new Set(copies.map((m) => String(m.gridFsId))).size).toBe(1);
    expect(await Media.exists({ _id: uploaded })).toBeNull();
    expect((await recent(tok.supervisor))[0]).toMatchObject({ batchId: out.batchId, sample: 'Alicia, te paso el catálogo de invierno.', file: { kind: 'document', fileName: 'catalogo-invierno.pdf' } });

    // Alicia's goes; Carla's is stopped: her copy goes, Alicia's bytes stay.
    clock = start + 1000;
    expect(await sender.runDue()).toBe(1);
    const got = await w.sim!.waitForReceived(ALICE, (m) => m.kind === 'document' && m.caption === 'Alicia, te paso el catálogo de invierno.', 30_000);
    expect(got.media?.equals(pdf)).toBe(true);
    expect((await batch(tok.supervisor, out.batchId, 'DELETE')).body).toEqual({ cancelled: 1 });
    expect(await Media.exists({ _id: out.data[1]!.file!.mediaId })).toBeNull();
    const alicias = await w.api('GET', `/api/media/${out.data[0]!.file!.mediaId}/download`, { token: tok.supervisor });
    expect(alicias.status).toBe(200);
    clock = start + 60_000;
    expect(await sender.runDue()).toBe(0);
    expect(w.sim!.received(CARLA).filter((m) => m.kind === 'document')).toEqual([]);

    // A file of another session, or none at all, is refused before anything is scheduled.
    const before = await ScheduledMessage.countDocuments({ sessionId: SESSION });
    const unknown = await broadcast(tok.supervisor, { messages: [{ chatId: jid(ALICE), text: 'Hola' }], file: { mediaId: '0123456789abcdef01234567' } });
    expect([unknown.status, unknown.body.error?.code]).toEqual([400, 'unknown_media']);
    expect(await ScheduledMessage.countDocuments({ sessionId: SESSION })).toBe(before);
    const audit = await AuditLog.findOne({ action: 'chat.broadcast', 'details.batchId': out.batchId }).lean();
    expect(audit?.details).toMatchObject({ chats: 2, kind: 'document' });
  });
});
