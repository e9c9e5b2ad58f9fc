/**
 * WhatsApp events, group invitations and taps on a business's buttons, over real HTTP against
 * the real Supervisor, a forked session actor (Baileys) linked to the WhatsApp simulator, and the
 * database: a customer shares an event (with a place, or a call) or invites the account to a
 * group, and the inbox gets them as what they are — never "unsupported" — with a preview the list
 * can show; the invitation's code (which lets its holder join) is kept but never presented. A
 * tapped button or list row arrives as its words. A supervisor joins the group by the invitation
 * (`accept-invite`): WhatsApp adds the account and the group's chat appears; an employee, who may
 * not start conversations, may not; an expired or foreign invitation is refused clearly.
 */
import { AuditLog, Chat, Message } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'events-1';
const PHONE = '34600000961';
const LUCIA = '34611610001';
const jid = (digits: string) => `${digits}@s.whatsapp.net`;

let w: GatewayWorld;
let employee = '';
let supervisor = '';

/** A customer's message as the session stored and announced it. */
async function customerSends(input: Parameters<NonNullable<GatewayWorld['sim']>['contactSend']>[1]) {
  const { id } = await w.sim!.contactSend(LUCIA, input);
  const e = await w.rec.waitFor((ev) => ev.type === 'message' && ev.sessionId === SESSION && ev.message.id === id);
  return e.type === 'message' ? e.message : undefined;
}

const preview = async () => (await Chat.findOne({ sessionId: SESSION, jid: jid(LUCIA) }).lean())?.lastMessagePreview;
const listed = async (id: string) => {
  const page = await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${jid(LUCIA)}&limit=10`, { token: employee });
  expect(page.status).toBe(200);
  return (page.body.data as { id: string }[]).find((m) => m.id === id);
};

beforeAll(async () => {
  w = await openGateway('gw-events', { simulator: true, preloadChats: 0 });
  await linkSession(w, await w.login('admin'), { sessionId: SESSION, name: 'Tienda', phone: PHONE });
  w.sim!.createContact({ phone: LUCIA, name: 'Lucía' });
  await customerSends({ to: PHONE, text: 'Hola' });
  employee = await w.login('employee');
  supervisor = await w.login('supervisor');
  const assigned = await w.api('POST', `/api/sessions/${SESSION}/assignments`, { token: supervisor, body: { chatId: jid(LUCIA), userId: w.users.employee.id } });
  expect(assigned.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await w?.close();
});

describe('events, invitations and button taps', () => {
  it("stores a customer's event with its date, place and description, and the list shows its name", async () => {
    const startAt = Date.parse('2026-12-17T19:00:00Z');
    const event = await customerSends({
      to: PHONE,
      event: { name: 'Prueba del vestido', description: 'Trae los zapatos', startAt, endAt: startAt + 3_600_000, place: { name: 'Tienda Centro', address: 'Calle Mayor 3', latitude: 40.4168, longitude: -3.7038 } },
    });
    const expected = { kind: 'event', text: 'Prueba del vestido', caption: 'Trae los zapatos', event: { startAt, endAt: startAt + 3_600_000, place: { name: 'Tienda Centro', address: 'Calle Mayor 3', latitude: 40.4168, longitude: -3.7038 } } };
    expect(event).toMatchObject(expected);
    expect(await listed(event!.id)).toMatchObject(expected);
    expect(await preview()).toBe('📅 Prueba del vestido');
  });

  it('stores an event that is a call, and one its organiser cancelled, without a place by name\'s 0, 0', async () => {
    const startAt = Date.parse('2026-12-18T09:30:00Z');
    const call = await customerSends({ to: PHONE, event: { name: 'Videollamada', startAt, joinLink: 'https://call.whatsapp.com/video/AbCd', canceled: true } });
    expect(call).toMatchObject({ kind: 'event', text: 'Videollamada', event: { startAt, link: 'https://call.whatsapp.com/video/AbCd', canceled: true } });
    expect(call?.event?.endAt).toBeUndefined();
    const named = await customerSends({ to: PHONE, event: { name: 'Quedada', startAt, place: { name: 'El Retiro' } } });
    expect(named?.event).toEqual({ startAt, place: { name: 'El Retiro' } });
  });

  it("counts the answers to an event (each person's latest, with their guests), in a chat and a group, never as messages of their own", async () => {
    const startAt = Date.parse('2026-12-19T18:00:00Z');
    const event = await customerSends({ to: PHONE, event: { name: 'Recogida del pedido', startAt } });
    /** The event as announced once its answers read `expected`. */
    const answered = (id: string, expected: unknown[]) =>
      w.rec.waitFor((e) => e.type === 'message' && e.message.id === id && JSON.stringify(e.message.event?.responses ?? []) === JSON.stringify(expected));

    const going = [{ responder: jid(LUCIA), answer: 'going', extraGuests: 1 }];
    const [, first] = await Promise.all([answered(event!.id, going), w.sim!.contactSend(LUCIA, { to: PHONE, eventResponse: { eventId: event!.id, creator: LUCIA, answer: 'going', extraGuests: 1 } })]);
    expect(((await listed(event!.id)) as { event?: unknown }).event).toEqual({ startAt, responses: going });
    // An answer is no message of its own: nothing stored under its id, nothing in the list.
    expect(await Message.exists({ sessionId: SESSION, messageId: first.id })).toBeNull();
    expect(await preview()).toBe('📅 Recogida del pedido');

    // Changing one's mind replaces the answer.
    const maybe = [{ responder: jid(LUCIA), answer: 'maybe' }];
    await Promise.all([answered(event!.id, maybe), w.sim!.contactSend(LUCIA, { to: PHONE, eventResponse: { eventId: event!.id, creator: LUCIA, answer: 'maybe' } })]);
    expect(((await listed(event!.id)) as { event?: { responses?: unknown } }).event?.responses).toEqual(maybe);

    // In a group, each member's answer counts, and the list of answers grows.
    const MARTA = '34611610002';
    w.sim!.createContact({ phone: MARTA, name: 'Marta' });
    const group = w.sim!.createGroup({ subject: 'Cena de Navidad', members: [PHONE, LUCIA, MARTA], creator: LUCIA });
    const groupEvent = w.rec.waitFor((e) => e.type === 'message' && e.message.chatId === group.jid && e.message.kind === 'event');
    await w.sim!.contactSendToGroup(LUCIA, group.jid, { event: { name: 'Cena', startAt } });
    const dinner = await groupEvent;
    const dinnerId = dinner.type === 'message' ? dinner.message.id : '';
    await Promise.all([answered(dinnerId, [{ responder: jid(LUCIA), answer: 'going' }]), w.sim!.contactSendToGroup(LUCIA, group.jid, { eventResponse: { eventId: dinnerId, creator: LUCIA, answer: 'going' } })]);
    const both = [
      { responder: jid(LUCIA), answer: 'going' },
      { responder: jid(MARTA), answer: 'not_going' },
    ];
    await Promise.all([answered(dinnerId, both), w.sim!.contactSendToGroup(MARTA, group.jid, { eventResponse: { eventId: dinnerId, creator: LUCIA, answer: 'not_going' } })]);
    const page = await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${encodeURIComponent(group.jid)}&limit=10`, { token: supervisor });
    expect((page.body.data as { id: string; event?: { responses?: unknown } }[]).find((m) => m.id === dinnerId)?.event?.responses).toEqual(both);
  });

  it("sends the customer an event: she gets it with its date and place, and her answer counts on the account's event", async () => {
    const startAt = Date.parse('2026-12-21T10:30:00Z');
    const body = { to: LUCIA, kind: 'event', text: 'Prueba del vestido', caption: 'Trae los zapatos', event: { startAt, endAt: startAt + 45 * 60_000, place: { name: 'Tienda Centro', address: 'Calle Mayor 3' } } };
    const sent = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: employee, body });
    expect(sent.status).toBe(202);
    const out = await w.rec.waitFor((e) => e.type === 'message-sent' && e.message.id === sent.body.messageId);
    expect(out.type === 'message-sent' && out.message).toMatchObject({ kind: 'event', fromMe: true, text: 'Prueba del vestido', caption: 'Trae los zapatos', event: { startAt, endAt: startAt + 45 * 60_000, place: { name: 'Tienda Centro', address: 'Calle Mayor 3' } } });
    const got = await w.sim!.waitForReceived(LUCIA, (m) => m.id === sent.body.messageId);
    expect(got.event).toEqual({ name: 'Prueba del vestido', description: 'Trae los zapatos', startAt, endAt: startAt + 45 * 60_000, place: { name: 'Tienda Centro', address: 'Calle Mayor 3' }, extraGuestsAllowed: true });
    expect(got.pollSecret?.length).toBe(32);
    expect(await preview()).toBe('📅 Prueba del vestido');

    // Lucía answers the account's event: the key is the one WhatsApp got with it.
    const answered = w.rec.waitFor((e) => e.type === 'message' && e.message.id === sent.body.messageId && e.message.event?.responses?.length === 1);
    await w.sim!.contactSend(LUCIA, { to: PHONE, eventResponse: { eventId: sent.body.messageId, creator: PHONE, answer: 'going' } });
    const e = await answered;
    expect(e.type === 'message' && e.message.event?.responses).toEqual([{ responder: jid(LUCIA), answer: 'going' }]);
  });

  it('refuses an event without a name or a start, or that ends before it starts', async () => {
    const send = (body: Record<string, unknown>) => w.api('POST', `/api/sessions/${SESSION}/messages`, { token: employee, body: { to: LUCIA, kind: 'event', ...body } });
    const startAt = Date.parse('2026-12-21T10:30:00Z');
    for (const [body, path] of [
      [{ event: { startAt } }, 'text'],
      [{ text: 'Cita' }, 'event'],
      [{ text: 'Cita', event: { startAt, endAt: startAt - 60_000 } }, 'event.endAt'],
      [{ text: 'Cita', event: { startAt: 'mañana' } }, 'event.startAt'],
    ] as const) {
      const res = await send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(res.body.error)).toContain(path);
    }
  });

  it('stores an invitation to a group with its group and expiry, and never presents its code', async () => {
    const expiresAt = Date.parse('2026-12-10T12:00:00Z');
    const invite = await customerSends({ to: PHONE, groupInvite: { groupJid: '120363000000000961@g.us', groupName: 'Vecinos de Chamberí', code: 'SeCrEtCoDe961', expiresAt, caption: 'Únete a mi grupo' } });
    const expected = { kind: 'invite', text: 'Únete a mi grupo', invite: { groupId: '120363000000000961@g.us', groupName: 'Vecinos de Chamberí', expiresAt } };
    expect(invite).toMatchObject(expected);
    expect(JSON.stringify(invite)).not.toContain('SeCrEtCoDe961');
    const rest = await listed(invite!.id);
    expect(rest).toMatchObject(expected);
    expect(JSON.stringify(rest)).not.toContain('SeCrEtCoDe961');
    // Kept, for accepting it.
    expect((await Message.findOne({ sessionId: SESSION, messageId: invite!.id }).lean())?.invite?.code).toBe('SeCrEtCoDe961');
    expect(await preview()).toBe('👥 Vecinos de Chamberí');
  });

  it("stores a tapped button or list row as the choice's words", async () => {
    expect(await customerSends({ to: PHONE, buttonReply: { text: 'Sí, confirmo la cita', id: 'yes' } })).toMatchObject({ kind: 'text', text: 'Sí, confirmo la cita' });
    expect(await customerSends({ to: PHONE, buttonReply: { text: 'Talla M', list: true } })).toMatchObject({ kind: 'text', text: 'Talla M' });
    expect(await preview()).toBe('Talla M');
  });

  it('writes events and invitations in words in the exported conversation', async () => {
    const res = await fetch(`${w.url}/api/sessions/${SESSION}/chats/${encodeURIComponent(jid(LUCIA))}/export?tz=Europe%2FMadrid`, { headers: { authorization: `Bearer ${employee}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('[Evento] Prueba del vestido\n    17/12/2026 20:00 – 17/12/2026 21:00\n    Tienda Centro, Calle Mayor 3\n    Trae los zapatos');
    expect(text).toContain('[Evento] Videollamada (cancelado)');
    expect(text).toContain('[Invitación al grupo] «Vecinos de Chamberí» Únete a mi grupo');
    expect(text).not.toContain('SeCrEtCoDe961');
  });

  it('joins the group an invitation is to: the account is added, the group chat appears, and the invitation says so', async () => {
    const group = w.sim!.createGroup({ subject: 'Clientas VIP', members: [LUCIA], creator: LUCIA });
    const invite = await customerSends({ to: PHONE, groupInvite: { groupJid: group.jid, groupName: 'Clientas VIP', caption: 'Te añado al grupo' } });
    const accept = (token: string, id = invite!.id) => w.api('POST', `/api/sessions/${SESSION}/messages/${id}/accept-invite`, { token });

    // Joining brings a new conversation: the employee may read the invitation, not start one.
    expect((await accept(employee)).status).toBe(403);
    expect(w.sim!.group(group.jid).members).not.toContain(PHONE);

    const announced = w.rec.waitFor((e) => e.type === 'message' && e.message.id === invite!.id && e.message.invite?.acceptedAt !== undefined);
    const joined = await accept(supervisor);
    expect(joined.status).toBe(200);
    expect(joined.body).toEqual({ sessionId: SESSION, chatId: group.jid, groupName: 'Clientas VIP', assigned: false });
    expect(w.sim!.group(group.jid).members).toContain(PHONE);
    // The group's chat appears with the notice that the account was added.
    await w.rec.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.chatId === group.jid && e.message.kind === 'system');
    await expect.poll(async () => (await Chat.findOne({ sessionId: SESSION, jid: group.jid }).lean())?.name, { timeout: 10_000 }).toBe('Clientas VIP');
    // The invitation is announced again, accepted, for every open inbox; REST says the same.
    const again = await announced;
    const acceptedAt = again.type === 'message' ? again.message.invite?.acceptedAt : undefined;
    expect(acceptedAt).toEqual(expect.any(Number));
    expect(((await listed(invite!.id)) as { invite?: { acceptedAt?: number } }).invite?.acceptedAt).toBe(acceptedAt);
    expect(await AuditLog.exists({ action: 'chat.group_join', targetId: group.jid })).toBeTruthy();
    // Again: answered the same, nothing changes.
    expect((await accept(supervisor)).body).toMatchObject({ chatId: group.jid });
  });

  it('refuses an expired invitation, one WhatsApp no longer takes, and a message that is no invitation', async () => {
    const group = w.sim!.createGroup({ subject: 'Antiguas', members: [LUCIA], creator: LUCIA });
    const accept = (id: string) => w.api('POST', `/api/sessions/${SESSION}/messages/${id}/accept-invite`, { token: supervisor });
    const old = await customerSends({ to: PHONE, groupInvite: { groupJid: group.jid, groupName: 'Antiguas', expiresAt: Date.now() - 60_000 } });
    expect(await accept(old!.id)).toMatchObject({ status: 409, body: { error: { code: 'invite_expired' } } });
    const forged = await customerSends({ to: PHONE, groupInvite: { groupJid: group.jid, groupName: 'Antiguas', code: 'NotTheGroupsCode' } });
    const refused = await accept(forged!.id);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'invite_invalid' } } });
    expect(JSON.stringify(refused.body)).not.toContain('NotTheGroupsCode');
    expect(w.sim!.group(group.jid).members).not.toContain(PHONE);
    const text = await customerSends({ to: PHONE, text: 'no soy una invitación' });
    expect(await accept(text!.id)).toMatchObject({ status: 409, body: { error: { code: 'not_an_invite' } } });
    expect((await accept('3EB0NOSUCHMESSAGE')).status).toBe(404);
  });
});
