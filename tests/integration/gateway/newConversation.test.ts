/**
 * Starting a conversation with a number that never wrote, over real HTTP against the real
 * Supervisor, a forked session actor (Baileys) linked to the WhatsApp simulator, and the
 * database: the number check asks WhatsApp (a number without it is refused before anything is
 * sent), only callers who may write to the number may ask, and the first send creates the chat
 * that the team then sees in the inbox. `POST …/chats` starts one for a role that may only read
 * its own chats (a salesperson): assigned to them, never someone else's customer.
 */
import { BUILT_IN_ROLE_PERMISSIONS, type HubEvent } from '@switchboard/shared';
import { Assignment, Role, User, hashPassword } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'newchat-1';
const PHONE = '34600000888';
const CAROL = '34611200301';
const CAROL_JID = `${CAROL}@s.whatsapp.net`;
const DAVID = '34611200302';
const NOBODY = '34611200399';
const ERIN = '34611200303';
const ERIN_JID = `${ERIN}@s.whatsapp.net`;

let w: GatewayWorld;
const tok: Record<'admin' | 'supervisor' | 'employee' | 'outsider' | 'sales', string> = { admin: '', supervisor: '', employee: '', outsider: '', sales: '' };
let salesId = '';

function hubEvent<T extends HubEvent['type']>(type: T, pred: (e: Extract<HubEvent, { type: T }>) => boolean = () => true): Promise<Extract<HubEvent, { type: T }>> {
  return w.rec.waitFor((e) => e.sessionId === SESSION && e.type === type && pred(e as Extract<HubEvent, { type: T }>)) as Promise<Extract<HubEvent, { type: T }>>;
}

const start = (who: keyof typeof tok, phone: string, assignToMe: boolean) => w.api('POST', `/api/sessions/${SESSION}/chats`, { token: tok[who], body: { phone, assignToMe } });
const check = (who: keyof typeof tok, phone: string) => w.api('GET', `/api/sessions/${SESSION}/numbers/${encodeURIComponent(phone)}`, { token: tok[who] });

beforeAll(async () => {
  w = await openGateway('gw-newchat', { simulator: true });
  for (const who of ['admin', 'supervisor', 'employee', 'outsider'] as const) tok[who] = await w.login(who);
  // A salesperson: the employee's permissions (assigned chats only) plus starting conversations.
  const role = await Role.create({ name: 'comercial', permissions: [...BUILT_IN_ROLE_PERMISSIONS.employee, { action: 'create', subject: 'Chat' }] });
  const sales = { email: 'comercial@test.local', password: 'Comercial-pass-1', locale: 'es' as const };
  salesId = (await User.create({ name: 'Carla Comercial', email: sales.email, role: role._id, passwordHash: await hashPassword(sales.password) }))._id.toString();
  tok.sales = await w.login({ id: salesId, ...sales });
  w.sim!.createContact({ phone: ERIN, name: 'Erin' });
  await linkSession(w, tok.admin, { sessionId: SESSION, name: 'Ventas', phone: PHONE });
  w.sim!.createContact({ phone: CAROL, name: 'Carol' });
  w.sim!.createContact({ phone: DAVID, name: 'David' });
  await Assignment.create({ sessionId: SESSION, chatId: `${DAVID}@s.whatsapp.net`, userId: w.users.employee.id });
}, 120_000);

afterAll(async () => {
  await w?.close();
});

describe('starting a conversation', () => {
  it('asks WhatsApp whether a number has an account, however the number is written', async () => {
    const found = await check('supervisor', '+34 611-20 (0301)');
    expect([found.status, found.body]).toEqual([200, { phone: CAROL, onWhatsApp: true, jid: CAROL_JID }]);
    const missing = await check('supervisor', NOBODY);
    expect([missing.status, missing.body]).toEqual([200, { phone: NOBODY, onWhatsApp: false, jid: null }]);
  });

  it('refuses a malformed number, and callers who may not write to the number from the session', async () => {
    const bad = await check('supervisor', '12ab');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
    // The employee writes only to chats assigned to them: David's, not Carol's.
    expect((await check('employee', DAVID)).body).toMatchObject({ onWhatsApp: true });
    expect((await check('employee', CAROL)).status).toBe(403);
    expect((await check('outsider', CAROL)).status).toBe(403);
  });

  it('sends the first message to the jid WhatsApp gave: the contact receives it and the chat appears in the team inbox', async () => {
    const { body: found } = await check('supervisor', CAROL);
    const received = w.sim!.waitForReceived(CAROL, (m) => m.text === 'Hola Carol, le escribimos de la tienda', 30_000);
    const sent = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: tok.supervisor, body: { to: found.jid, text: 'Hola Carol, le escribimos de la tienda', clientId: 'newchat-carol-1' } });
    expect(sent.status).toBe(202);
    expect((await received).id).toBe(sent.body.messageId);
    await hubEvent('message-sent', (e) => e.message.id === sent.body.messageId);
    const list = await w.api('GET', `/api/chats?sessionId=${SESSION}&view=all`, { token: tok.supervisor });
    expect((list.body.data as { id: string; lastMessage?: { text?: string } }[]).find((c) => c.id === CAROL_JID)).toMatchObject({ id: CAROL_JID, needsReply: false });
  });

  it('starts a conversation for a salesperson: listed session, the chat assigned to them, their first message delivered', async () => {
    // No assignment in the session yet, and still it is listed: it is one they may start from.
    const sessions = await w.api('GET', '/api/sessions', { token: tok.sales });
    expect((sessions.body.data as { sessionId: string }[]).map((x) => x.sessionId)).toContain(SESSION);
    const unlisted = await w.api('GET', '/api/sessions', { token: tok.outsider });
    expect((unlisted.body.data as { sessionId: string }[]).map((x) => x.sessionId)).not.toContain(SESSION);
    // Reading only their own chats, they cannot decline the assignment.
    const res = await start('sales', ERIN, false);
    expect([res.status, res.body]).toEqual([200, { phone: ERIN, jid: ERIN_JID, assigned: true, existed: false }]);
    expect(await Assignment.exists({ sessionId: SESSION, chatId: ERIN_JID, userId: salesId, assignedBy: salesId })).toBeTruthy();
    const received = w.sim!.waitForReceived(ERIN, (m) => m.text === 'Hola Erin, soy Carla', 30_000);
    const sent = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: tok.sales, body: { to: ERIN_JID, text: 'Hola Erin, soy Carla', clientId: 'newchat-erin-1' } });
    expect(sent.status).toBe(202);
    expect((await received).id).toBe(sent.body.messageId);
    await hubEvent('message-sent', (e) => e.message.id === sent.body.messageId);
    const mine = await w.api('GET', `/api/chats?sessionId=${SESSION}`, { token: tok.sales });
    expect((mine.body.data as { id: string }[]).map((c) => c.id)).toEqual([ERIN_JID]);
    // Starting it again is harmless: it is theirs already.
    expect((await start('sales', ERIN, true)).body).toEqual({ phone: ERIN, jid: ERIN_JID, assigned: true, existed: true });
    expect(await Assignment.countDocuments({ sessionId: SESSION, chatId: ERIN_JID })).toBe(1);
  });

  it("refuses a salesperson someone else's customer, a number without WhatsApp, and roles that may not start conversations", async () => {
    const taken = await start('sales', CAROL, true);
    expect([taken.status, taken.body.error.code]).toEqual([409, 'chat_exists']);
    expect(await Assignment.exists({ sessionId: SESSION, chatId: CAROL_JID, userId: salesId })).toBeNull();
    const nobody = await start('sales', NOBODY, true);
    expect([nobody.status, nobody.body.error.code]).toEqual([422, 'not_on_whatsapp']);
    expect(await Assignment.exists({ sessionId: SESSION, chatId: `${NOBODY}@s.whatsapp.net` })).toBeNull();
    const bad = await w.api('POST', `/api/sessions/${SESSION}/chats`, { token: tok.sales, body: { phone: '12ab' } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
    expect((await start('employee', CAROL, true)).status).toBe(403);
    expect((await start('outsider', CAROL, true)).status).toBe(403);
  });

  it('lets a supervisor start one with a customer the session knows, taking it only when asked', async () => {
    expect((await start('supervisor', CAROL, false)).body).toEqual({ phone: CAROL, jid: CAROL_JID, assigned: false, existed: true });
    expect(await Assignment.exists({ sessionId: SESSION, chatId: CAROL_JID })).toBeNull();
    expect((await start('supervisor', CAROL, true)).body).toEqual({ phone: CAROL, jid: CAROL_JID, assigned: true, existed: true });
    expect(await Assignment.exists({ sessionId: SESSION, chatId: CAROL_JID, userId: w.users.supervisor.id })).toBeTruthy();
  });

  it('answers 409 while the session is not running: nothing can be asked of WhatsApp', async () => {
    await w.hub.stop(SESSION);
    const res = await check('supervisor', CAROL);
    expect([res.status, res.body.error.code]).toEqual([409, 'actor_not_running']);
    const started = await start('sales', DAVID, true);
    expect([started.status, started.body.error.code]).toEqual([409, 'actor_not_running']);
  });
});
