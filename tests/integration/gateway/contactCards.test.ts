/**
 * Contact cards and polls, over real HTTP against the real Supervisor, a forked session actor
 * (Baileys) linked to the WhatsApp simulator, and the database: a customer shares a contact (one
 * card, or several) and starts a poll, and the inbox gets them with their vCard and a preview the
 * list can show; an employee shares a contact through the API (`kind: contact` with a name and a
 * number), and the customer's phone receives WhatsApp's contact message with a card it can save
 * and write to. Bad cards are refused with a clear 400.
 */
import { buildVCard, parseVCards } from '@switchboard/shared';
import { Chat, Message } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'cards-1';
const PHONE = '34600000960';
const LUCIA = '34611600001';
const jid = (digits: string) => `${digits}@s.whatsapp.net`;
const TALLER = ['BEGIN:VCARD', 'VERSION:3.0', 'N:;Taller Gómez;;;', 'FN:Taller Gómez', 'item1.TEL;waid=34911600002:+34 911 60 00 02', 'item1.X-ABLabel:Trabajo', 'END:VCARD'].join('\n');
const ANA = buildVCard({ name: 'Ana Ruiz', phone: '34611600003' });

let w: GatewayWorld;
let employee = '';

/** A customer's message as the session stored and announced it. */
async function customerSends(input: Parameters<NonNullable<GatewayWorld['sim']>['contactSend']>[1]) {
  const { id } = await w.sim!.contactSend(LUCIA, input);
  const e = await w.rec.waitFor((ev) => ev.type === 'message' && ev.sessionId === SESSION && ev.message.id === id);
  return e.type === 'message' ? e.message : undefined;
}

const send = (body: unknown) => w.api('POST', `/api/sessions/${SESSION}/messages`, { token: employee, body });

beforeAll(async () => {
  w = await openGateway('gw-cards', { simulator: true, preloadChats: 0 });
  await linkSession(w, await w.login('admin'), { sessionId: SESSION, name: 'Tienda', phone: PHONE });
  w.sim!.createContact({ phone: LUCIA, name: 'Lucía' });
  await customerSends({ to: PHONE, text: 'Hola' });
  employee = await w.login('employee');
  const supervisor = await w.login('supervisor');
  const assigned = await w.api('POST', `/api/sessions/${SESSION}/assignments`, { token: supervisor, body: { chatId: jid(LUCIA), userId: w.users.employee.id } });
  expect(assigned.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await w?.close();
});

describe('contact cards and polls', () => {
  it("stores a customer's shared contact with its vCard, and the list shows whom they shared", async () => {
    const one = await customerSends({ to: PHONE, contacts: [{ displayName: 'Taller Gómez', vcard: TALLER }] });
    expect(one).toMatchObject({ kind: 'contact', text: TALLER, caption: 'Taller Gómez' });
    expect(parseVCards(one?.text)[0]?.phones).toEqual([{ number: '+34 911 60 00 02', whatsapp: '34911600002', label: 'Trabajo' }]);
    expect((await Chat.findOne({ sessionId: SESSION, jid: jid(LUCIA) }).lean())?.lastMessagePreview).toBe('👤 Taller Gómez');

    const two = await customerSends({ to: PHONE, contacts: [{ displayName: 'Taller Gómez', vcard: TALLER }, { displayName: 'Ana Ruiz', vcard: ANA }] });
    expect(two).toMatchObject({ kind: 'contact', caption: 'Taller Gómez, Ana Ruiz' });
    expect(parseVCards(two?.text).map((p) => p.name)).toEqual(['Taller Gómez', 'Ana Ruiz']);
  });

  it("stores a customer's poll as its question and options", async () => {
    const poll = await customerSends({ to: PHONE, poll: { name: '¿Qué día os viene mejor?', options: ['Lunes', 'Martes'] } });
    expect(poll).toMatchObject({ kind: 'poll', text: '¿Qué día os viene mejor?\nLunes\nMartes' });
    expect((await Chat.findOne({ sessionId: SESSION, jid: jid(LUCIA) }).lean())?.lastMessagePreview).toBe('📊 ¿Qué día os viene mejor?');
  });

  it("counts a customer's votes in their own poll: a new vote replaces the last, none takes it back, and no vote is a message", async () => {
    const poll = await customerSends({ to: PHONE, poll: { name: '¿Recogida o envío?', options: ['Recogida', 'Envío'] } });
    const stored = await Message.findOne({ sessionId: SESSION, messageId: poll!.id }).lean();
    // The key of its votes, kept with it (BSON binary when read back).
    expect((stored?.messageSecret as unknown as { buffer: Uint8Array } | undefined)?.buffer.length).toBe(32);
    // Kept as polls stored before 2026-12-07 keep it (`pollSecret`): its votes still find it.
    await Message.collection.updateOne({ _id: stored!._id }, { $rename: { messageSecret: 'pollSecret' } });
    const counted = (options: string[]) =>
      w.rec.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.id === poll!.id && JSON.stringify(e.message.pollVotes ?? []) === JSON.stringify(options.length ? [{ voter: jid(LUCIA), options }] : []));
    const messagesBefore = await Message.countDocuments({ sessionId: SESSION, chatId: jid(LUCIA) });

    let voted = counted(['Envío']);
    await w.sim!.contactSend(LUCIA, { to: PHONE, pollVote: { pollId: poll!.id, creator: LUCIA, options: ['Envío'] } });
    await voted;
    voted = counted(['Recogida']);
    await w.sim!.contactSend(LUCIA, { to: PHONE, pollVote: { pollId: poll!.id, creator: LUCIA, options: ['Recogida'] } });
    await voted;
    voted = counted([]);
    await w.sim!.contactSend(LUCIA, { to: PHONE, pollVote: { pollId: poll!.id, creator: LUCIA, options: [] } });
    await voted;
    // Votes change the poll: the chat has no message more, and the REST view says the same.
    expect(await Message.countDocuments({ sessionId: SESSION, chatId: jid(LUCIA) })).toBe(messagesBefore);
    const page = await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${jid(LUCIA)}&limit=5`, { token: employee });
    expect((page.body.data as { id: string; pollVotes?: unknown }[]).find((m) => m.id === poll!.id)?.pollVotes).toBeUndefined();
    expect(JSON.stringify(page.body)).not.toContain('messageSecret');
  });

  it('counts the votes of a LID group, each member once, under their phone number', async () => {
    const [ANA_N, LUIS_N] = ['34611600011', '34611600012'];
    w.sim!.createContact({ phone: ANA_N, name: 'Ana' });
    w.sim!.createContact({ phone: LUIS_N, name: 'Luis' });
    const group = w.sim!.createGroup({ subject: 'Vecinos', members: [ANA_N, PHONE, LUIS_N], addressing: 'lid' }).jid;
    const { id } = await w.sim!.contactSendToGroup(ANA_N, group, { poll: { name: '¿Cuándo quedamos?', options: ['Sábado', 'Domingo'] } });
    await w.rec.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.id === id);
    const tally = (n: number) => w.rec.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.id === id && (e.message.pollVotes?.length ?? 0) === n);
    let counted = tally(1);
    await w.sim!.contactSendToGroup(LUIS_N, group, { pollVote: { pollId: id, creator: ANA_N, options: ['Domingo'] } });
    await counted;
    counted = tally(2);
    await w.sim!.contactSendToGroup(ANA_N, group, { pollVote: { pollId: id, creator: ANA_N, options: ['Sábado', 'Domingo'] } });
    const e = await counted;
    const votes = e.type === 'message' ? e.message.pollVotes : undefined;
    expect(new Map(votes?.map((v) => [v.voter, v.options]))).toEqual(new Map([[jid(LUIS_N), ['Domingo']], [jid(ANA_N), ['Sábado', 'Domingo']]]));
  });

  it("shares a contact: the customer's phone gets a card with the person's WhatsApp number", async () => {
    const res = await send({ to: LUCIA, kind: 'contact', contact: { name: 'Ana Ruiz', phone: '+34 611 60 00 03' }, clientId: 'card-1' });
    expect(res.status).toBe(202);
    const got = await w.sim!.waitForReceived(LUCIA, (m) => m.kind === 'contact', 30_000);
    expect(got.contacts).toEqual([{ displayName: 'Ana Ruiz', vcard: ANA }]);
    const stored = await Message.findOne({ sessionId: SESSION, messageId: res.body.messageId }).lean();
    expect(stored).toMatchObject({ kind: 'contact', text: ANA, caption: 'Ana Ruiz', fromMe: true });
    expect((await Chat.findOne({ sessionId: SESSION, jid: jid(LUCIA) }).lean())?.lastMessagePreview).toBe('👤 Ana Ruiz');

    // An integrator's own vCards go as they are, one card each.
    const raw = await send({ to: LUCIA, kind: 'contact', text: `${TALLER}\n${ANA}` });
    expect(raw.status).toBe(202);
    const both = await w.sim!.waitForReceived(LUCIA, (m) => m.kind === 'contact' && (m.contacts?.length ?? 0) === 2, 30_000);
    expect(both.contacts?.map((c) => c.displayName)).toEqual(['Taller Gómez', 'Ana Ruiz']);
  });

  it("starts a poll from the API: the customer's phone gets it, and their vote counts on our poll", async () => {
    const res = await send({ to: LUCIA, kind: 'poll', poll: { name: '¿Cuándo os lo llevamos?', options: ['Mañana', 'Tarde'] } });
    expect(res.status).toBe(202);
    const got = await w.sim!.waitForReceived(LUCIA, (m) => m.kind === 'poll' && m.id === res.body.messageId, 30_000);
    expect(got.poll).toEqual({ name: '¿Cuándo os lo llevamos?', options: ['Mañana', 'Tarde'], selectableCount: 1 });
    // WhatsApp has it (the secret of its votes is kept with what it acked).
    await w.rec.waitFor((e) => e.type === 'message-status' && e.sessionId === SESSION && e.messageId === res.body.messageId && e.status !== 'pending' && e.status !== 'failed');
    const counted = w.rec.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.id === res.body.messageId && e.message.pollVotes?.[0]?.options[0] === 'Tarde');
    await w.sim!.contactSend(LUCIA, { to: PHONE, pollVote: { pollId: res.body.messageId, creator: PHONE, options: ['Tarde'] } });
    expect(await counted).toMatchObject({ message: { kind: 'poll', fromMe: true, text: '¿Cuándo os lo llevamos?\nMañana\nTarde', pollVotes: [{ voter: jid(LUCIA), options: ['Tarde'] }] } });

    const several = await send({ to: LUCIA, kind: 'poll', poll: { name: '¿Qué os interesa?', options: ['Ofertas', 'Novedades', 'Eventos'], multiple: true } });
    const many = await w.sim!.waitForReceived(LUCIA, (m) => m.kind === 'poll' && m.id === several.body.messageId, 30_000);
    expect(many.poll?.selectableCount).toBe(0);
  });

  it('refuses a poll without a question, with fewer than two options, or with the same option twice', async () => {
    for (const poll of [{ name: '', options: ['a', 'b'] }, { name: '¿?', options: ['solo una'] }, { name: '¿?', options: ['Sí', 'sí'] }, { name: '¿?', options: Array.from({ length: 13 }, (_, i) => `o${i}`) }]) {
      const res = await send({ to: LUCIA, kind: 'poll', poll });
      expect([res.status, res.body.error?.code], JSON.stringify(poll)).toEqual([400, 'validation_failed']);
    }
    const bare = await send({ to: LUCIA, kind: 'poll' });
    expect(bare.status).toBe(400);
  });

  it('refuses a card without a person, a number that is not one, or text that is not a vCard', async () => {
    for (const body of [
      { to: LUCIA, kind: 'contact' },
      { to: LUCIA, kind: 'contact', contact: { name: 'Ana', phone: '12' } },
      { to: LUCIA, kind: 'contact', contact: { name: '  ', phone: '+34611600003' } },
      { to: LUCIA, kind: 'contact', contact: { name: 'Ana', phone: 'llámame' } },
      { to: LUCIA, kind: 'contact', text: 'Ana 611600003' },
    ]) {
      const res = await send(body);
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([400, 'validation_failed']);
    }
  });
});
