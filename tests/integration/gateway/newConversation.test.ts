/**
 * Starting a conversation with a number that never wrote, over real HTTP against the real
 * Supervisor, a forked session actor (Baileys) linked to the WhatsApp simulator, and the
 * database: the number check asks WhatsApp (a number without it is refused before anything is
 * sent), only callers who may write to the number may ask, and the first send creates the chat
 * that the team then sees in the inbox.
 */
import type { HubEvent } from '@switchboard/shared';
import { Assignment } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'newchat-1';
const PHONE = '34600000888';
const CAROL = '34611200301';
const CAROL_JID = `${CAROL}@s.whatsapp.net`;
const DAVID = '34611200302';
const NOBODY = '34611200399';

let w: GatewayWorld;
const tok: Record<'admin' | 'supervisor' | 'employee' | 'outsider', string> = { admin: '', supervisor: '', employee: '', outsider: '' };

function hubEvent<T extends HubEvent['type']>(type: T, pred: (e: Extract<HubEvent, { type: T }>) => boolean = () => true): Promise<Extract<HubEvent, { type: T }>> {
  return w.rec.waitFor((e) => e.sessionId === SESSION && e.type === type && pred(e as Extract<HubEvent, { type: T }>)) as Promise<Extract<HubEvent, { type: T }>>;
}

const check = (who: keyof typeof tok, phone: string) => w.api('GET', `/api/sessions/${SESSION}/numbers/${encodeURIComponent(phone)}`, { token: tok[who] });

beforeAll(async () => {
  w = await openGateway('gw-newchat', { simulator: true });
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
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

  it('answers 409 while the session is not running: nothing can be asked of WhatsApp', async () => {
    await w.hub.stop(SESSION);
    const res = await check('supervisor', CAROL);
    expect([res.status, res.body.error.code]).toEqual([409, 'actor_not_running']);
  });
});
