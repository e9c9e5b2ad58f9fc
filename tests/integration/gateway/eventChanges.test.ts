/**
 * WhatsApp events changed or cancelled after they were sent, over real HTTP against the real
 * Supervisor, a forked session actor (Baileys) linked to the WhatsApp simulator, and the
 * database. WhatsApp sends a change as the whole event sealed with its secret (a
 * `secretEncryptedMessage`, `EVENT_EDIT`), which Baileys leaves closed: a customer's moved or
 * cancelled appointment must show as it is now — never as an "unsupported" message, never the
 * old date — and only the event's organiser may change it. The account changes and cancels its
 * own events (`PUT …/event`, `POST …/event/cancel`): the customer's phone gets the new event,
 * the answers given stay, and a cancelled event takes no further change.
 */
import { AuditLog, Chat, Message, ParkedAnswer } from '@switchboard/shared/node';
import type { MessageView } from '@switchboard/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'event-changes-1';
const PHONE = '34600000962';
const LUCIA = '34611620001';
const MARTA = '34611620002';
const jid = (digits: string) => `${digits}@s.whatsapp.net`;
const HOUR = 3_600_000;

let w: GatewayWorld;
let employee = '';

/** The message announced once `match` holds of it. */
async function announced(id: string, match: (m: MessageView) => boolean = () => true): Promise<MessageView> {
  const e = await w.rec.waitFor((ev) => ev.type === 'message' && ev.sessionId === SESSION && ev.message.id === id && match(ev.message));
  if (e.type !== 'message') throw new Error('not a message event');
  return e.message;
}

const preview = async (chat = jid(LUCIA)) => (await Chat.findOne({ sessionId: SESSION, jid: chat }).lean())?.lastMessagePreview;
const listed = async (id: string, chat = jid(LUCIA)) => {
  const page = await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${encodeURIComponent(chat)}&limit=20`, { token: employee });
  expect(page.status).toBe(200);
  return (page.body.data as MessageView[]).find((m) => m.id === id);
};

beforeAll(async () => {
  w = await openGateway('gw-event-changes', { simulator: true, preloadChats: 0 });
  await linkSession(w, await w.login('admin'), { sessionId: SESSION, name: 'Tienda', phone: PHONE });
  w.sim!.createContact({ phone: LUCIA, name: 'Lucía' });
  w.sim!.createContact({ phone: MARTA, name: 'Marta' });
  const { id } = await w.sim!.contactSend(LUCIA, { to: PHONE, text: 'Hola' });
  await announced(id);
  employee = await w.login('employee');
  const supervisor = await w.login('supervisor');
  const assigned = await w.api('POST', `/api/sessions/${SESSION}/assignments`, { token: supervisor, body: { chatId: jid(LUCIA), userId: w.users.employee.id } });
  expect(assigned.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await w?.close();
});

describe('events changed after they were sent', () => {
  it("shows a customer's moved and then cancelled event as it is now, keeps its answers, and stores no message for either change", async () => {
    const startAt = Date.parse('2026-12-22T17:00:00Z');
    const { id } = await w.sim!.contactSend(LUCIA, { to: PHONE, event: { name: 'Recogida', startAt, place: { name: 'Tienda Centro' } } });
    await announced(id);
    await w.sim!.contactSend(LUCIA, { to: PHONE, eventResponse: { eventId: id, creator: LUCIA, answer: 'going' } });
    await announced(id, (m) => m.event?.responses?.length === 1);

    const moved = { name: 'Recogida del pedido', description: 'Por la tarde', startAt: startAt + 24 * HOUR, endAt: startAt + 25 * HOUR, place: { name: 'Tienda Norte', address: 'Calle Alta 9' } };
    const edit = await w.sim!.contactSend(LUCIA, { to: PHONE, eventEdit: { eventId: id, creator: LUCIA, event: moved } });
    const changed = await announced(id, (m) => m.editedAt !== undefined);
    expect(changed).toMatchObject({ kind: 'event', text: 'Recogida del pedido', caption: 'Por la tarde', event: { startAt: moved.startAt, endAt: moved.endAt, place: { name: 'Tienda Norte', address: 'Calle Alta 9' } } });
    expect(changed.event?.responses).toEqual([{ responder: jid(LUCIA), answer: 'going' }]);
    expect(changed.event?.canceled).toBeUndefined();
    expect(await listed(id)).toMatchObject({ text: 'Recogida del pedido', event: { startAt: moved.startAt } });
    expect(await preview()).toBe('📅 Recogida del pedido');
    expect(await Message.exists({ sessionId: SESSION, messageId: edit.id })).toBeNull();

    // The description removed and the event cancelled: one more change, the whole event again.
    await w.sim!.contactSend(LUCIA, { to: PHONE, eventEdit: { eventId: id, creator: LUCIA, event: { ...moved, description: undefined, canceled: true } } });
    const canceled = await announced(id, (m) => m.event?.canceled === true);
    expect(canceled.caption).toBeUndefined();
    expect(canceled.text).toBe('Recogida del pedido');
    expect(await Message.countDocuments({ sessionId: SESSION, chatId: jid(LUCIA), kind: 'unsupported' })).toBe(0);
  });

  it("ignores a change of an event by anyone but its organiser, in a chat and in a group", async () => {
    const startAt = Date.parse('2026-12-23T12:00:00Z');
    // In her chat, Lucía cannot change the account's event.
    const sent = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: employee, body: { to: LUCIA, kind: 'event', text: 'Prueba', event: { startAt } } });
    expect(sent.status).toBe(202);
    await w.sim!.waitForReceived(LUCIA, (m) => m.id === sent.body.messageId);
    await w.sim!.contactSend(LUCIA, { to: PHONE, eventEdit: { eventId: sent.body.messageId, creator: PHONE, event: { name: 'Prueba cambiada', startAt: startAt + HOUR } } });
    // Her answer comes after her forged change, and is applied after it (one at a time per event).
    await w.sim!.contactSend(LUCIA, { to: PHONE, eventResponse: { eventId: sent.body.messageId, creator: PHONE, answer: 'maybe' } });
    const mine = await announced(sent.body.messageId, (m) => m.event?.responses?.length === 1);
    expect(mine).toMatchObject({ text: 'Prueba', event: { startAt } });
    expect(mine.editedAt).toBeUndefined();

    // In a group, Marta cannot change Lucía's event; Lucía can.
    const group = w.sim!.createGroup({ subject: 'Cata', members: [PHONE, LUCIA, MARTA], creator: LUCIA });
    const groupEvent = w.rec.waitFor((e) => e.type === 'message' && e.message.chatId === group.jid && e.message.kind === 'event');
    await w.sim!.contactSendToGroup(LUCIA, group.jid, { event: { name: 'Cata de vinos', startAt } });
    const first = await groupEvent;
    const eventId = first.type === 'message' ? first.message.id : '';
    await w.sim!.contactSendToGroup(MARTA, group.jid, { eventEdit: { eventId, creator: LUCIA, event: { name: 'Cata cancelada', startAt, canceled: true } } });
    await w.sim!.contactSendToGroup(LUCIA, group.jid, { eventEdit: { eventId, creator: LUCIA, event: { name: 'Cata de vinos', startAt: startAt + 2 * HOUR } } });
    const changed = await announced(eventId, (m) => m.editedAt !== undefined);
    expect(changed).toMatchObject({ text: 'Cata de vinos', event: { startAt: startAt + 2 * HOUR } });
    expect(changed.event?.canceled).toBeUndefined();
    expect(await preview(group.jid)).toBe('Lucía: 📅 Cata de vinos');
  });

  it("changes and cancels the account's own event: the customer's phone gets each, her answer stays, and a cancelled event takes no more changes", async () => {
    const startAt = Date.parse('2026-12-28T10:00:00Z');
    const body = { to: LUCIA, kind: 'event', text: 'Prueba del vestido', caption: 'Trae los zapatos', event: { startAt, endAt: startAt + HOUR, place: { name: 'Tienda Centro' } } };
    const sent = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: employee, body });
    expect(sent.status).toBe(202);
    const id = sent.body.messageId as string;
    await w.sim!.waitForReceived(LUCIA, (m) => m.id === id);
    await w.sim!.contactSend(LUCIA, { to: PHONE, eventResponse: { eventId: id, creator: PHONE, answer: 'going' } });
    await announced(id, (m) => m.event?.responses?.length === 1);

    // Moved to the next day, in another shop, without the description.
    const change = { text: 'Prueba del vestido (2ª)', event: { startAt: startAt + 24 * HOUR, endAt: startAt + 25 * HOUR, place: { name: 'Tienda Norte', address: 'Calle Alta 9' } } };
    const changedAnnounced = announced(id, (m) => m.editedAt !== undefined);
    const put = await w.api('PUT', `/api/sessions/${SESSION}/messages/${id}/event`, { token: employee, body: change });
    expect(put.status).toBe(200);
    expect(typeof put.body.at).toBe('number');
    const got = await w.sim!.waitForReceived(LUCIA, (m) => m.kind === 'edit' && m.targetId === id);
    expect(got.event).toEqual({ name: 'Prueba del vestido (2ª)', startAt: startAt + 24 * HOUR, endAt: startAt + 25 * HOUR, place: { name: 'Tienda Norte', address: 'Calle Alta 9' }, extraGuestsAllowed: true });
    const changed = await changedAnnounced;
    expect(changed).toMatchObject({ fromMe: true, text: 'Prueba del vestido (2ª)', event: { startAt: startAt + 24 * HOUR, place: { name: 'Tienda Norte', address: 'Calle Alta 9' } } });
    expect(changed.caption).toBeUndefined();
    expect(changed.event?.responses).toEqual([{ responder: jid(LUCIA), answer: 'going' }]);
    expect(await preview()).toBe('📅 Prueba del vestido (2ª)');

    // Her new answer still opens with the event's key.
    await w.sim!.contactSend(LUCIA, { to: PHONE, eventResponse: { eventId: id, creator: PHONE, answer: 'not_going' } });
    await announced(id, (m) => m.event?.responses?.[0]?.answer === 'not_going');

    const cancel = await w.api('POST', `/api/sessions/${SESSION}/messages/${id}/event/cancel`, { token: employee });
    expect(cancel.status).toBe(200);
    const gone = await w.sim!.waitForReceived(LUCIA, (m) => m.kind === 'edit' && m.targetId === id && m.event?.canceled === true);
    expect(gone.event).toMatchObject({ name: 'Prueba del vestido (2ª)', startAt: startAt + 24 * HOUR });
    expect((await listed(id))?.event?.canceled).toBe(true);

    for (const [method, path, b] of [
      ['POST', `/api/sessions/${SESSION}/messages/${id}/event/cancel`, undefined],
      ['PUT', `/api/sessions/${SESSION}/messages/${id}/event`, change],
    ] as const) {
      const again = await w.api(method, path, { token: employee, ...(b ? { body: b } : {}) });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('event_canceled');
    }
    const audit = await AuditLog.find({ targetId: id, action: { $in: ['message.event_change', 'message.event_cancel'] } }).lean();
    expect(audit.map((a) => a.action).sort()).toEqual(['message.event_cancel', 'message.event_change']);
  });

  it('applies the answers and the change that came before their event or poll, once it comes, and keeps nothing after', async () => {
    const startAt = Date.parse('2026-12-30T18:00:00Z');
    // WhatsApp retried the event's delivery: Lucía's own answer and her change came through first.
    await w.sim!.contactSend(LUCIA, { to: PHONE, eventResponse: { eventId: 'EVLATE0001', creator: LUCIA, answer: 'going', extraGuests: 2 } });
    await w.sim!.contactSend(LUCIA, { to: PHONE, eventEdit: { eventId: 'EVLATE0001', creator: LUCIA, event: { name: 'Cena de empresa', startAt: startAt + HOUR } } });
    await w.sim!.contactSend(LUCIA, { to: PHONE, pollVote: { pollId: 'POLLLATE01', creator: LUCIA, options: ['Carne'] } });
    await vi.waitFor(async () => expect(await ParkedAnswer.countDocuments({ sessionId: SESSION })).toBe(3));

    const complete = announced('EVLATE0001', (m) => m.editedAt !== undefined && m.event?.responses?.length === 1);
    await w.sim!.contactSend(LUCIA, { to: PHONE, id: 'EVLATE0001', event: { name: 'Cena', startAt } });
    expect(await complete).toMatchObject({ text: 'Cena de empresa', event: { startAt: startAt + HOUR, responses: [{ responder: jid(LUCIA), answer: 'going', extraGuests: 2 }] } });

    const voted = announced('POLLLATE01', (m) => (m.pollVotes?.length ?? 0) === 1);
    await w.sim!.contactSend(LUCIA, { to: PHONE, id: 'POLLLATE01', poll: { name: '¿Qué cenamos?', options: ['Carne', 'Pescado'] } });
    expect((await voted).pollVotes).toMatchObject([{ voter: jid(LUCIA), options: ['Carne'] }]);
    expect(await ParkedAnswer.countDocuments({ sessionId: SESSION })).toBe(0);
  });

  it('refuses a change that is no event, ends before it starts, or names nothing', async () => {
    const text = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: employee, body: { to: LUCIA, text: 'Te espero' } });
    expect(text.status).toBe(202);
    await w.sim!.waitForReceived(LUCIA, (m) => m.id === text.body.messageId);
    const startAt = Date.parse('2026-12-29T10:00:00Z');
    const notEvent = await w.api('PUT', `/api/sessions/${SESSION}/messages/${text.body.messageId}/event`, { token: employee, body: { text: 'Cita', event: { startAt } } });
    expect(notEvent.status).toBe(409);
    expect(notEvent.body.error.code).toBe('not_an_event');
    for (const [body, path] of [
      [{ event: { startAt } }, 'text'],
      [{ text: 'Cita' }, 'event'],
      [{ text: 'Cita', event: { startAt, endAt: startAt } }, 'event.endAt'],
    ] as const) {
      const res = await w.api('PUT', `/api/sessions/${SESSION}/messages/${text.body.messageId}/event`, { token: employee, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(res.body.error)).toContain(path);
    }
  });
});
