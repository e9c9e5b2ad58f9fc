/**
 * Blocking a contact, over real HTTP against the real Supervisor, a forked session actor
 * (Baileys) linked to the WhatsApp simulator, and the database: a supervisor blocks a customer
 * on WhatsApp (the account's blocklist changes; the customer's messages stop arriving; a send to
 * them fails as `blocked` without reaching them), unblocks them, and a block made on the phone
 * (told, or found when the connection comes back) reaches every console as `chat-update`.
 */
import type { HubEvent } from '@switchboard/shared';
import { AuditLog, Chat, Message } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'block-1';
const PHONE = '34600000950';
const ROSA = '34611500001';
const PABLO = '34611500002';
const jid = (digits: string) => `${digits}@s.whatsapp.net`;

let w: GatewayWorld;
let supervisor = '';
let employee = '';

/** The first `chat-update` of the chat saying `blocked`, recorded after the `after`-th event. */
function blockedUpdate(chatId: string, blocked: boolean, after: number): Promise<HubEvent> {
  return w.rec.waitFor((e) => w.rec.events.indexOf(e) >= after && e.sessionId === SESSION && e.type === 'chat-update' && e.chatId === chatId && e.blocked === blocked);
}

/** A customer's message, once the session stored and announced it. */
async function customerWrites(digits: string, text: string): Promise<void> {
  const stored = w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message' && e.message.text === text);
  await w.sim!.contactSend(digits, { to: PHONE, text });
  await stored;
}

const block = (token: string, chatId: string, body: unknown) =>
  w.api('PUT', `/api/sessions/${SESSION}/chats/${encodeURIComponent(chatId)}/blocked`, { token, body });

beforeAll(async () => {
  w = await openGateway('gw-block', { simulator: true, preloadChats: 0 });
  supervisor = await w.login('supervisor');
  employee = await w.login('employee');
  await linkSession(w, await w.login('admin'), { sessionId: SESSION, name: 'Tienda', phone: PHONE });
  w.sim!.createContact({ phone: ROSA, name: 'Rosa' });
  w.sim!.createContact({ phone: PABLO, name: 'Pablo' });
  await customerWrites(ROSA, 'Hola, ¿tenéis talla 40?');
  await customerWrites(PABLO, 'Buenas tardes');
}, 120_000);

afterAll(async () => {
  await w?.close();
});

describe('blocking a contact', () => {
  it('blocks on WhatsApp: announced and stored, audited, their messages stop arriving and a send fails as blocked', async () => {
    const before = await w.api('GET', `/api/chats?sessionId=${SESSION}&view=all`, { token: supervisor });
    expect((before.body.data as { id: string; needsReply: boolean }[]).find((c) => c.id === jid(ROSA))?.needsReply).toBe(true);
    const announced = blockedUpdate(jid(ROSA), true, w.rec.events.length);
    const res = await block(supervisor, jid(ROSA), { blocked: true });
    expect([res.status, res.body]).toEqual([200, { ok: true, blocked: true }]);
    // A blocked contact waits for no reply: the chat leaves the needs-reply list with the block.
    expect(await announced).toMatchObject({ handledAt: expect.any(Number) });
    expect(w.sim!.phones.get(PHONE)?.blocked).toEqual(new Set([ROSA]));
    const list = await w.api('GET', `/api/chats?sessionId=${SESSION}&view=all`, { token: supervisor });
    const byId = Object.fromEntries((list.body.data as { id: string; blocked: boolean; needsReply: boolean }[]).map((c) => [c.id, [c.blocked, c.needsReply]]));
    expect(byId).toEqual({ [jid(ROSA)]: [true, false], [jid(PABLO)]: [false, true] });
    const audit = await AuditLog.findOne({ action: 'chat.block', targetId: jid(ROSA) }).lean();
    expect(audit?.details).toEqual({ sessionId: SESSION, blocked: true });

    const dropped = new Promise((resolve) => w.sim!.once('blocked-message', resolve));
    await w.sim!.contactSend(ROSA, { to: PHONE, text: 'mientras bloqueada' });
    await dropped;

    const sent = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: supervisor, body: { to: jid(ROSA), text: 'No debería salir' } });
    expect(sent.status).toBe(202);
    const failed = await w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message-status' && e.messageId === sent.body.messageId && e.status === 'failed');
    expect((failed as { reason?: string }).reason).toBe('blocked');
  });

  it('unblocks: sends reach the customer again and their new messages arrive, never the ones sent while blocked', async () => {
    const announced = blockedUpdate(jid(ROSA), false, w.rec.events.length);
    const res = await block(supervisor, jid(ROSA), { blocked: false });
    expect([res.status, res.body]).toEqual([200, { ok: true, blocked: false }]);
    await announced;
    expect(w.sim!.phones.get(PHONE)?.blocked.size).toBe(0);
    expect((await Chat.findOne({ sessionId: SESSION, jid: jid(ROSA) }).lean())?.blocked).toBe(false);

    const received = w.sim!.waitForReceived(ROSA, (m) => m.text === 'Ya puede escribirnos', 30_000);
    expect((await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: supervisor, body: { to: jid(ROSA), text: 'Ya puede escribirnos' } })).status).toBe(202);
    await received;
    await customerWrites(ROSA, 'Gracias');
    // One contact's messages arrive in order: the one sent while blocked would have come first.
    const texts = (await Message.find({ sessionId: SESSION, chatId: jid(ROSA), fromMe: false }).sort({ timestamp: 1 }).lean()).map((m) => m.text);
    expect(texts).toEqual(['Hola, ¿tenéis talla 40?', 'Gracias']);
    expect(w.sim!.received(ROSA).map((m) => m.text)).not.toContain('No debería salir');
  });

  it('follows a block made on the phone, told at once or found when the connection comes back', async () => {
    const sim = w.sim!;
    let mark = w.rec.events.length;
    const told = blockedUpdate(jid(PABLO), true, mark);
    sim.blockFromPhone(PHONE, PABLO, true);
    await told;
    expect(await Chat.findOne({ sessionId: SESSION, jid: jid(PABLO) }).lean()).toMatchObject({ blocked: true, needsReply: false });

    // Unblocked with no notice (lost, or made while the session was away): a new connection reads the list.
    sim.phones.get(PHONE)!.blocked.delete(PABLO);
    mark = w.rec.events.length;
    const found = blockedUpdate(jid(PABLO), false, mark);
    sim.injectFault({ phone: PHONE, kind: 'drop' });
    await found;
    expect((await Chat.findOne({ sessionId: SESSION, jid: jid(PABLO) }).lean())?.blocked).toBe(false);
    // Nothing else was announced as changed: Rosa stays unblocked.
    expect(w.rec.events.slice(mark).some((e) => e.type === 'chat-update' && e.chatId === jid(ROSA) && e.blocked !== undefined)).toBe(false);
  });

  it('refuses a group, an unknown chat, a bad body and callers who may not change the chat', async () => {
    const group = w.sim!.createGroup({ subject: 'Clientas', members: [PHONE, ROSA] });
    const named = w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'chat-update' && e.chatId === group.jid);
    await w.sim!.contactSendToGroup(ROSA, group.jid, { text: 'Hola grupo' });
    await named;
    const onGroup = await block(supervisor, group.jid, { blocked: true });
    expect([onGroup.status, onGroup.body.error.code]).toEqual([400, 'not_a_contact']);
    expect((await block(supervisor, jid('34611500099'), { blocked: true })).status).toBe(404);
    const bad = await block(supervisor, jid(ROSA), { blocked: 'sí' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
    expect((await block(employee, jid(ROSA), { blocked: true })).status).toBe(403);
    expect(w.sim!.phones.get(PHONE)?.blocked.size).toBe(0);
  });
});
