/**
 * *Programar envío* over real HTTP against the real Supervisor, a forked session actor (Baileys)
 * linked to the WhatsApp simulator, and the database, on a fake clock: a reply scheduled for
 * later waits, goes out once when due under its author's name, and never twice (not on a second
 * look, not after a node died holding its claim); a cancelled one never goes; *Enviar ahora*
 * sends at once as whoever pressed it; an author who may no longer write in the chat sends
 * nothing, and a colleague can send it instead.
 */
import type { ScheduledMessageView } from '@switchboard/shared';
import { randomBytes } from 'node:crypto';
import { Assignment, AuditLog, Media, Message, ScheduledMessage, silentLogger } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_STALE_MS, scheduledClientId, startScheduledSends, type ScheduledSender } from '../../../gateway/src/automation/scheduledSends.ts';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'sched-1';
const PHONE = '34600000771';
const [ALICE, BRUNO, CARLA] = ['34611300771', '34611300772', '34611300773'] as const;
const jid = (phone: string) => `${phone}@s.whatsapp.net`;
const HOUR = 3600_000;

let w: GatewayWorld;
let sender: ScheduledSender;
let clock = Date.now();
const tok = { admin: '', supervisor: '', employee: '' };
const emitted: { event: string; payload: unknown }[] = [];

const scheduledOf = (phone: string) => `/api/sessions/${SESSION}/chats/${encodeURIComponent(jid(phone))}/scheduled`;
const schedule = (token: string, phone: string, text: string, sendAt: number) => w.api('POST', scheduledOf(phone), { token, body: { text, sendAt } });
const listed = async (phone: string) => (await w.api('GET', scheduledOf(phone), { token: tok.supervisor })).body.data as ScheduledMessageView[];
/** The chat's row in the inbox list. */
const rowInList = async (phone: string) =>
  ((await w.api('GET', `/api/chats?view=all&sessionId=${SESSION}&q=${phone}`, { token: tok.supervisor })).body.data as { id: string; nextScheduledAt: number | null; scheduledFailed: boolean }[]).find((c) => c.id === jid(phone));
/** When the inbox list says the chat's next scheduled reply goes. */
const nextInList = async (phone: string) => (await rowInList(phone))?.nextScheduledAt;
/** The chats the inbox lists under "Con envío programado". */
const withScheduled = async () => ((await w.api('GET', `/api/chats?view=all&sessionId=${SESSION}&scheduled=true`, { token: tok.supervisor })).body.data as { id: string }[]).map((c) => c.id).sort();
const receivedTexts = (phone: string) => w.sim!.received(phone).map((m) => m.text);

/** A customer writes, so the chat exists; resolves once the gateway has it. */
async function customerWrites(phone: string, text: string): Promise<void> {
  await w.sim!.contactSend(phone, { to: PHONE, text });
  await w.rec.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.chatId === jid(phone));
}

beforeAll(async () => {
  w = await openGateway('gw-scheduled', { simulator: true, now: () => new Date(clock) });
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
  await linkSession(w, tok.admin, { sessionId: SESSION, name: 'Tienda', phone: PHONE });
  for (const phone of [ALICE, BRUNO, CARLA]) {
    w.sim!.createContact({ phone });
    await customerWrites(phone, 'Hola, ¿tenéis la talla 38?');
  }
  sender = startScheduledSends({
    hub: w.hub,
    logger: silentLogger(),
    now: () => clock,
    intervalMs: 0,
    emit: (_sessionId: string, _chatId: string, event: string, payload: unknown) => void emitted.push({ event, payload }),
  });
}, 120_000);

afterAll(async () => {
  await sender?.stop();
  await w?.close();
});

describe('scheduled replies', () => {
  it('are checked when scheduled: a time ahead within a year, some text, a chat the caller may answer', async () => {
    const past = await schedule(tok.supervisor, ALICE, 'Hola', clock - 1000);
    expect([past.status, past.body.error.code]).toEqual([400, 'invalid_send_at']);
    expect((await schedule(tok.supervisor, ALICE, 'Hola', clock + 400 * 24 * HOUR)).body.error.code).toBe('invalid_send_at');
    expect((await schedule(tok.supervisor, ALICE, '   ', clock + HOUR)).status).toBe(400);
    expect((await schedule(tok.supervisor, '34699999999', 'Hola', clock + HOUR)).status).toBe(404);
    // Not assigned to the employee.
    expect((await schedule(tok.employee, ALICE, 'Hola', clock + HOUR)).status).toBe(403);
  });

  it('sends a reply once when its time comes, as its author’s, and lists the ones still waiting', async () => {
    const first = await schedule(tok.supervisor, ALICE, 'Buenos días: ya tenemos la 38 en tienda.', clock + HOUR);
    expect([first.status, first.body]).toMatchObject([201, { status: 'scheduled', sendAt: clock + HOUR, text: 'Buenos días: ya tenemos la 38 en tienda.', messageId: null }]);
    const second = await schedule(tok.supervisor, ALICE, '¿Te la guardamos hasta el sábado?', clock + 2 * HOUR);
    expect((await listed(ALICE)).map((s) => s.id)).toEqual([first.body.id, second.body.id]);
    expect(await nextInList(ALICE)).toBe(first.body.sendAt);
    // The team's view of what will go: the chats with a reply waiting, snoozed ones too.
    expect(await withScheduled()).toEqual([jid(ALICE)]);
    expect((await w.api('PUT', `/api/sessions/${SESSION}/chats/${encodeURIComponent(jid(ALICE))}/snooze`, { token: tok.supervisor, body: { until: clock + 3 * HOUR } })).status).toBe(200);
    expect(await withScheduled()).toEqual([jid(ALICE)]);
    // Pickers (the forward dialog) list snoozed chats and the others alike.
    const inList = async (snoozed: string) => ((await w.api('GET', `/api/chats?sessionId=${SESSION}&snoozed=${snoozed}`, { token: tok.supervisor })).body.data as { id: string }[]).map((c) => c.id).sort();
    expect(await inList('true')).toEqual([jid(ALICE)]);
    expect(await inList('false')).toEqual([jid(BRUNO), jid(CARLA)]);
    expect(await inList('any')).toEqual([jid(ALICE), jid(BRUNO), jid(CARLA)]);
    expect((await w.api('PUT', `/api/sessions/${SESSION}/chats/${encodeURIComponent(jid(ALICE))}/snooze`, { token: tok.supervisor, body: { until: null } })).status).toBe(200);

    expect(await sender.runDue()).toBe(0);
    clock += HOUR;
    expect(await sender.runDue()).toBe(1);
    await w.sim!.waitForReceived(ALICE, (m) => m.text === 'Buenos días: ya tenemos la 38 en tienda.', 30_000);
    expect(await sender.runDue()).toBe(0);

    const done = await ScheduledMessage.findById(first.body.id).lean();
    expect(done).toMatchObject({ status: 'sent', messageId: expect.any(String) });
    expect(done?.sentAt?.getTime()).toBe(clock);
    const msg = await Message.findOne({ sessionId: SESSION, clientId: scheduledClientId(first.body.id) }).lean();
    expect(msg).toMatchObject({ fromMe: true, text: 'Buenos días: ya tenemos la 38 en tienda.', chatId: jid(ALICE) });
    expect(String(msg?.userId)).toBe(w.users.supervisor.id);
    // The chat's consoles hear the reply went, and when the chat's next one goes.
    expect(emitted.slice(-2)).toEqual([
      { event: 'scheduled-message', payload: expect.objectContaining({ id: first.body.id, status: 'sent', messageId: done?.messageId }) },
      { event: 'chat-scheduled', payload: { sessionId: SESSION, chatId: jid(ALICE), nextScheduledAt: second.body.sendAt, scheduledFailed: false } },
    ]);
    expect((await listed(ALICE)).map((s) => s.id)).toEqual([second.body.id]);
    expect(await nextInList(ALICE)).toBe(second.body.sendAt);

    // The audit log has when, never what.
    const entry = await AuditLog.findOne({ action: 'chat.schedule', 'details.scheduledId': first.body.id }).lean();
    expect(entry?.details).toEqual({ sessionId: SESSION, scheduledId: first.body.id, sendAt: first.body.sendAt });
  });

  it('is sent once even when a node died holding its claim after handing it to the outbox', async () => {
    const doc = await ScheduledMessage.create({ sessionId: SESSION, chatId: jid(BRUNO), text: 'Tu pedido sale hoy.', sendAt: new Date(clock - 5 * 60_000), authorId: w.users.supervisor.id, authorName: 'Sofía', status: 'sending', claimedAt: new Date(clock - CLAIM_STALE_MS - 1000) });
    // The dead node's send reached the outbox.
    await w.hub.send(SESSION, { to: jid(BRUNO), kind: 'text', text: 'Tu pedido sale hoy.', clientId: scheduledClientId(doc._id), userId: w.users.supervisor.id });
    await w.sim!.waitForReceived(BRUNO, (m) => m.text === 'Tu pedido sale hoy.', 30_000);
    expect(await sender.runDue()).toBe(1);
    expect(await ScheduledMessage.findById(doc._id).lean()).toMatchObject({ status: 'sent' });
    expect(await Message.countDocuments({ sessionId: SESSION, clientId: scheduledClientId(doc._id) })).toBe(1);
    expect(receivedTexts(BRUNO).filter((t) => t === 'Tu pedido sale hoy.')).toHaveLength(1);
  });

  it('never sends a cancelled reply; Enviar ahora sends at once as whoever pressed it', async () => {
    const [waiting] = await listed(ALICE);
    const cancel = await w.api('DELETE', `${scheduledOf(ALICE)}/${waiting!.id}`, { token: tok.supervisor });
    expect(cancel.status).toBe(204);
    expect(await listed(ALICE)).toEqual([]);
    expect(await nextInList(ALICE)).toBeNull();
    clock += 2 * HOUR;
    expect(await sender.runDue()).toBe(0);
    expect(receivedTexts(ALICE)).not.toContain('¿Te la guardamos hasta el sábado?');
    const again = await w.api('DELETE', `${scheduledOf(ALICE)}/${waiting!.id}`, { token: tok.supervisor });
    expect([again.status, again.body.error.code]).toEqual([409, 'scheduled_cancelled']);
    expect((await w.api('POST', `${scheduledOf(ALICE)}/${waiting!.id}/send`, { token: tok.supervisor })).body.error.code).toBe('scheduled_cancelled');

    const later = await schedule(tok.supervisor, ALICE, 'Te llamamos el martes.', clock + 24 * HOUR);
    // Changed while it waits: a new text, a new time; never into the past, never once it has gone.
    const changed = await w.api('PUT', `${scheduledOf(ALICE)}/${later.body.id}`, { token: tok.supervisor, body: { text: 'Te llamamos el lunes.', sendAt: clock + 48 * HOUR } });
    expect([changed.status, changed.body.text, changed.body.sendAt]).toEqual([200, 'Te llamamos el lunes.', clock + 48 * HOUR]);
    expect(await nextInList(ALICE)).toBe(clock + 48 * HOUR);
    expect((await w.api('PUT', `${scheduledOf(ALICE)}/${later.body.id}`, { token: tok.supervisor, body: { sendAt: clock - 1 } })).body.error.code).toBe('invalid_send_at');
    expect((await w.api('PUT', `${scheduledOf(ALICE)}/${later.body.id}`, { token: tok.supervisor, body: {} })).status).toBe(400);
    expect((await w.api('PUT', `${scheduledOf(ALICE)}/${waiting!.id}`, { token: tok.supervisor, body: { text: 'x' } })).body.error.code).toBe('scheduled_cancelled');
    const now = await w.api('POST', `${scheduledOf(ALICE)}/${later.body.id}/send`, { token: tok.admin });
    expect([now.status, now.body.status]).toEqual([200, 'sent']);
    await w.sim!.waitForReceived(ALICE, (m) => m.text === 'Te llamamos el lunes.', 30_000);
    expect(String((await Message.findOne({ sessionId: SESSION, clientId: scheduledClientId(later.body.id) }).lean())?.userId)).toBe(w.users.admin.id);
    const twice = await w.api('POST', `${scheduledOf(ALICE)}/${later.body.id}/send`, { token: tok.admin });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'scheduled_sent']);
    expect((await w.api('DELETE', `${scheduledOf(ALICE)}/${later.body.id}`, { token: tok.admin })).body.error.code).toBe('scheduled_sent');
    expect((await w.api('PUT', `${scheduledOf(ALICE)}/${later.body.id}`, { token: tok.admin, body: { text: 'Otra cosa' } })).body.error.code).toBe('scheduled_sent');
    clock += 24 * HOUR;
    expect(await sender.runDue()).toBe(0);
    expect(receivedTexts(ALICE).filter((t) => t === 'Te llamamos el lunes.')).toHaveLength(1);
  });

  it('keeps a file scheduled with its caption and sends both when due; a cancelled one takes its file away', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(3000)]);
    const form = (caption: string) => {
      const f = new FormData();
      f.append('text', caption);
      f.append('sendAt', String(clock + HOUR));
      f.append('file', new Blob([pdf], { type: 'application/pdf' }), 'presupuesto-38.pdf');
      return f;
    };
    const withFile = await w.api('POST', scheduledOf(BRUNO), { token: tok.supervisor, form: form('Bruno, aquí tienes el presupuesto.') });
    expect(withFile.status).toBe(201);
    expect(withFile.body).toMatchObject({ text: 'Bruno, aquí tienes el presupuesto.', status: 'scheduled', file: { kind: 'document', fileName: 'presupuesto-38.pdf', mimeType: 'application/pdf', size: pdf.length } });
    expect((await listed(BRUNO))[0]?.file?.mediaId).toBe(withFile.body.file.mediaId);
    // Stored now, for the chat (its readers may open it before it goes).
    expect(await Media.findById(withFile.body.file.mediaId).lean()).toMatchObject({ chatId: jid(BRUNO), direction: 'out' });

    const cancelled = await w.api('POST', scheduledOf(BRUNO), { token: tok.supervisor, form: form('Mejor mañana.') });
    expect((await w.api('DELETE', `${scheduledOf(BRUNO)}/${cancelled.body.id}`, { token: tok.supervisor })).status).toBe(204);
    expect(await Media.exists({ _id: cancelled.body.file.mediaId })).toBeNull();

    clock += HOUR;
    expect(await sender.runDue()).toBe(1);
    const got = await w.sim!.waitForReceived(BRUNO, (m) => m.kind === 'document', 30_000);
    expect(got).toMatchObject({ caption: 'Bruno, aquí tienes el presupuesto.', fileName: 'presupuesto-38.pdf', mimetype: 'application/pdf' });
    expect(got.media?.equals(pdf)).toBe(true);
    expect(receivedTexts(BRUNO)).not.toContain('Mejor mañana.');
    const sent = await Message.findOne({ sessionId: SESSION, clientId: scheduledClientId(withFile.body.id) }).lean();
    expect(sent).toMatchObject({ kind: 'document', caption: 'Bruno, aquí tienes el presupuesto.', chatId: jid(BRUNO) });
    expect(String(sent?.mediaId)).toBe(withFile.body.file.mediaId);
  });

  it('answers a message of the chat as a quoted reply, and refuses one from elsewhere', async () => {
    const { id: question } = await w.sim!.contactSend(BRUNO, { to: PHONE, text: '¿Me confirmáis la hora de entrega?' });
    await w.rec.waitFor((e) => e.type === 'message' && e.message.id === question);
    const elsewhere = await w.api('POST', scheduledOf(CARLA), { token: tok.supervisor, body: { text: 'Sí', sendAt: clock + HOUR, quotedId: question } });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([400, 'unknown_quoted']);
    const reply = await w.api('POST', scheduledOf(BRUNO), { token: tok.supervisor, body: { text: 'Entre las 10 y las 12.', sendAt: clock + HOUR, quotedId: question } });
    expect([reply.status, reply.body.quotedId]).toEqual([201, question]);
    clock += HOUR;
    expect(await sender.runDue()).toBe(1);
    const got = await w.sim!.waitForReceived(BRUNO, (m) => m.text === 'Entre las 10 y las 12.', 30_000);
    expect(got.quotedId).toBe(question);
  });

  it('sends nothing for an author who may no longer write in the chat; a colleague sends it instead', async () => {
    const assignment = await Assignment.create({ sessionId: SESSION, chatId: jid(CARLA), userId: w.users.employee.id });
    const mine = await schedule(tok.employee, CARLA, 'Carla, tu devolución está aprobada.', clock + HOUR);
    expect(mine.status).toBe(201);
    await Assignment.deleteOne({ _id: assignment._id });
    clock += HOUR;
    expect(await sender.runDue()).toBe(0);
    const [failed] = await listed(CARLA);
    expect(failed).toMatchObject({ id: mine.body.id, status: 'failed', error: 'author_cannot_send' });
    // The list says so, for someone to look.
    expect(await rowInList(CARLA)).toMatchObject({ scheduledFailed: true, nextScheduledAt: null });
    expect(await withScheduled()).toContain(jid(CARLA));
    expect(emitted.at(-1)).toEqual({ event: 'chat-scheduled', payload: { sessionId: SESSION, chatId: jid(CARLA), nextScheduledAt: null, scheduledFailed: true } });
    expect(receivedTexts(CARLA)).not.toContain('Carla, tu devolución está aprobada.');

    const retried = await w.api('POST', `${scheduledOf(CARLA)}/${mine.body.id}/send`, { token: tok.supervisor });
    expect([retried.status, retried.body.status, retried.body.error]).toEqual([200, 'sent', null]);
    await w.sim!.waitForReceived(CARLA, (m) => m.text === 'Carla, tu devolución está aprobada.', 30_000);
    expect(await listed(CARLA)).toEqual([]);
    expect((await rowInList(CARLA))?.scheduledFailed).toBe(false);
    expect(await withScheduled()).not.toContain(jid(CARLA));
  });
});

describe('a scheduled reply to a group that mentions members', () => {
  it('keeps the mentions it still writes, shows them by name, and sends them as WhatsApp mentions', async () => {
    const group = w.sim!.createGroup({ subject: 'Tallas', members: [ALICE, BRUNO, PHONE] }).jid;
    await w.sim!.contactSendToGroup(ALICE, group, { text: '¿Quién tiene la 38?' });
    await w.rec.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.chatId === group);
    const path = `/api/sessions/${SESSION}/chats/${encodeURIComponent(group)}/scheduled`;
    const unwritten = await w.api('POST', path, { token: tok.supervisor, body: { text: 'Mañana llega', sendAt: clock + HOUR, mentions: [ALICE] } });
    expect([unwritten.status, unwritten.body.error.code]).toEqual([400, 'validation_failed']);

    const text = `@${ALICE} y @${BRUNO}: mañana llega la 38`;
    const created = await w.api('POST', path, { token: tok.supervisor, body: { text, sendAt: clock + HOUR, mentions: [ALICE, jid(BRUNO)] } });
    expect(created.status).toBe(201);
    expect(created.body.mentions.map((m: { jid: string }) => m.jid)).toEqual([jid(ALICE), jid(BRUNO)]);
    // Bruno is taken out of the text: his mention goes with him.
    const edited = await w.api('PUT', `${path}/${created.body.id}`, { token: tok.supervisor, body: { text: `@${ALICE}: mañana llega la 38` } });
    expect(edited.body.mentions.map((m: { jid: string }) => m.jid)).toEqual([jid(ALICE)]);

    const got = w.sim!.waitForReceived(BRUNO, (m) => m.group === group && m.text === `@${ALICE}: mañana llega la 38`, 30_000);
    expect((await w.api('POST', `${path}/${created.body.id}/send`, { token: tok.supervisor })).body.status).toBe('sent');
    expect((await got).mentions).toEqual([jid(ALICE)]);
  });
});
