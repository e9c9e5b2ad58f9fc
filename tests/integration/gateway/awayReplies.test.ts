/**
 * *Horario de atención* over real HTTP against the real Supervisor, a forked session actor
 * (Baileys) linked to the WhatsApp simulator, and the database: the hours are checked when set;
 * while closed, a customer gets the away message once however much they write, delivered by the
 * actor like any send but marked automated — the chat still waits for a person's reply; while
 * open, or switched off, nothing is sent.
 */
import { Chat, Message, silentLogger } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchAwayReplies, type AwayDecision, type AwayReplier } from '../../../gateway/src/automation/awayReplies.ts';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'away-1';
const PHONE = '34600000661';
const [LATE, SECOND, DAYTIME, OFF, NEWCOMER, NIGHT_NEWCOMER] = ['34611200661', '34611200662', '34611200663', '34611200664', '34611200665', '34611200666'] as const;
const HELLO = '¡Hola! Gracias por escribirnos. Enseguida te atiende una persona del equipo.';
const jid = (phone: string) => `${phone}@s.whatsapp.net`;
const AWAY = 'Gracias por escribir. Ahora estamos cerrados: te respondemos mañana a partir de las 9:00.';
const CLOSED = [[], [], [], [], [], [], []];
const ALL_DAY = Array.from({ length: 7 }, () => [{ from: '00:00', to: '24:00' }]);

let w: GatewayWorld;
let watcher: AwayReplier;
const tok = { supervisor: '', employee: '' };
const decisions: AwayDecision[] = [];
const waiters: { chatId: string; resolve(d: AwayDecision): void }[] = [];

/** A customer writes; resolves with the watcher's decision about that message. */
async function customerWrites(phone: string, text: string): Promise<AwayDecision> {
  const decided = new Promise<AwayDecision>((resolve) => waiters.push({ chatId: jid(phone), resolve }));
  await w.sim!.contactSend(phone, { to: PHONE, text });
  return decided;
}

const hours = (token: string, body: unknown) => w.api('PUT', `/api/sessions/${SESSION}/business-hours`, { token, body });
const awayTo = (phone: string) => w.sim!.received(phone).filter((m) => m.text === AWAY);

beforeAll(async () => {
  w = await openGateway('gw-away', { simulator: true });
  const admin = await w.login('admin');
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
  await linkSession(w, admin, { sessionId: SESSION, name: 'Tienda', phone: PHONE });
  for (const phone of [LATE, SECOND, DAYTIME, OFF, NEWCOMER, NIGHT_NEWCOMER]) w.sim!.createContact({ phone });
  watcher = watchAwayReplies({
    hub: w.hub,
    logger: silentLogger(),
    onDecision: (d) => {
      decisions.push(d);
      const mine = waiters.filter((x) => x.chatId === d.chatId);
      waiters.splice(0, waiters.length, ...waiters.filter((x) => x.chatId !== d.chatId));
      for (const waiter of mine) waiter.resolve(d);
    },
  });
  w.app.deps.awayReplies = watcher;
}, 120_000);

afterAll(async () => {
  watcher?.stop();
  await w?.close();
});

describe('away reply outside opening hours', () => {
  it('is set by those who may change the session, with valid hours and a message', async () => {
    const unset = await w.api('GET', `/api/sessions/${SESSION}/business-hours`, { token: tok.supervisor });
    expect(unset.body).toEqual({ sessionId: SESSION, enabled: false, timeZone: null, week: null, awayMessage: '', greetingEnabled: false, greetingMessage: '', rejectCalls: false, callMessage: '' });
    const body = { enabled: true, timeZone: 'Europe/Madrid', week: CLOSED, awayMessage: AWAY };
    expect((await hours(tok.employee, body)).status).toBe(403);
    const overlap = await hours(tok.supervisor, { ...body, week: [[{ from: '09:00', to: '14:00' }, { from: '13:00', to: '18:00' }], [], [], [], [], [], []] });
    expect([overlap.status, overlap.body.error.code, overlap.body.error.details]).toEqual([400, 'invalid_hours', { problems: ['Day 0: ranges overlap'] }]);
    const silent = await hours(tok.supervisor, { ...body, awayMessage: '  ' });
    expect([silent.status, silent.body.error.code]).toEqual([400, 'away_message_required']);
    expect((await hours(tok.supervisor, { ...body, timeZone: 'Mars/Olympus' })).status).toBe(400);
    const saved = await hours(tok.supervisor, body);
    expect([saved.status, saved.body]).toEqual([200, { sessionId: SESSION, ...body, greetingEnabled: false, greetingMessage: '', rejectCalls: false, callMessage: '' }]);
    const mute = await hours(tok.supervisor, { ...body, greetingEnabled: true, greetingMessage: '' });
    expect([mute.status, mute.body.error.code]).toEqual([400, 'greeting_message_required']);
  });

  it('answers a customer who writes while closed once, and the chat still waits for a person', async () => {
    const first = await customerWrites(LATE, 'Hola, ¿seguís abiertos?');
    expect(first).toMatchObject({ reason: 'sent', clientId: expect.stringMatching(/^away:\d{4}-\d{2}-\d{2}:/) });
    await w.sim!.waitForReceived(LATE, (m) => m.text === AWAY, 30_000);
    expect(await customerWrites(LATE, 'Es para un pedido urgente')).toMatchObject({ reason: 'already_sent', clientId: first.clientId });
    expect(await customerWrites(LATE, '¿Hola?')).toMatchObject({ reason: 'already_sent' });
    expect(awayTo(LATE)).toHaveLength(1);

    // Stored as ours, sent, marked automated; it answers nobody.
    await expect.poll(async () => (await Message.findOne({ sessionId: SESSION, chatId: jid(LATE), clientId: first.clientId }).lean())?.status).toMatch(/^(sent|delivered|read)$/);
    const stored = await Message.findOne({ sessionId: SESSION, chatId: jid(LATE), clientId: first.clientId }).lean();
    expect(stored).toMatchObject({ fromMe: true, automated: true, text: AWAY, userId: null });
    const chat = await Chat.findOne({ sessionId: SESSION, jid: jid(LATE) }).lean();
    expect(chat?.needsReply).toBe(true);
    expect(chat?.lastOutboundAt ?? null).toBeNull();
    // The list still shows what the customer wrote last.
    expect(chat?.lastMessagePreview).toBe('¿Hola?');
    const page = await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${jid(LATE)}`, { token: tok.supervisor });
    expect(page.body.data.find((m: { clientId?: string }) => m.clientId === first.clientId)).toMatchObject({ automated: true, fromMe: true });

    // Another customer in the same closed stretch gets their own.
    expect(await customerWrites(SECOND, 'Buenas noches')).toMatchObject({ reason: 'sent' });
    await w.sim!.waitForReceived(SECOND, (m) => m.text === AWAY, 30_000);
  });

  it('sends nothing while open, or when switched off', async () => {
    await hours(tok.supervisor, { enabled: true, timeZone: 'Europe/Madrid', week: ALL_DAY, awayMessage: AWAY });
    expect(await customerWrites(DAYTIME, 'Hola, buenos días')).toMatchObject({ reason: 'open' });
    await hours(tok.supervisor, { enabled: false, timeZone: 'Europe/Madrid', week: CLOSED, awayMessage: AWAY });
    expect(await customerWrites(OFF, 'Hola')).toMatchObject({ reason: 'off' });
    expect(awayTo(DAYTIME)).toHaveLength(0);
    expect(awayTo(OFF)).toHaveLength(0);
    expect(decisions.filter((d) => d.reason === 'sent')).toHaveLength(2);
  });

  it('greets a customer who starts a conversation once, open or closed, before the away reply; not one who wrote before', async () => {
    await hours(tok.supervisor, { enabled: false, timeZone: 'Europe/Madrid', week: ALL_DAY, awayMessage: AWAY, greetingEnabled: true, greetingMessage: HELLO });
    expect(await customerWrites(NEWCOMER, 'Hola, es la primera vez que os escribo')).toMatchObject({ greeted: 'sent', reason: 'off' });
    await w.sim!.waitForReceived(NEWCOMER, (m) => m.text === HELLO, 30_000);
    expect(await customerWrites(NEWCOMER, '¿Me atiende alguien?')).toMatchObject({ greeted: 'already_sent' });
    expect(w.sim!.received(NEWCOMER).filter((m) => m.text === HELLO)).toHaveLength(1);
    // A customer who wrote before the greeting was set is not new.
    expect((await customerWrites(DAYTIME, 'Otra vez yo')).greeted).toBeUndefined();

    // Closed and new: the greeting, then the away reply.
    await hours(tok.supervisor, { enabled: true, timeZone: 'Europe/Madrid', week: CLOSED, awayMessage: AWAY, greetingEnabled: true, greetingMessage: HELLO });
    expect(await customerWrites(NIGHT_NEWCOMER, 'Buenas noches')).toMatchObject({ greeted: 'sent', reason: 'sent' });
    await w.sim!.waitForReceived(NIGHT_NEWCOMER, (m) => m.text === AWAY, 30_000);
    expect(w.sim!.received(NIGHT_NEWCOMER).map((m) => m.text)).toEqual([HELLO, AWAY]);
    expect((await Chat.findOne({ sessionId: SESSION, jid: jid(NIGHT_NEWCOMER) }).lean())?.needsReply).toBe(true);
  });
});
