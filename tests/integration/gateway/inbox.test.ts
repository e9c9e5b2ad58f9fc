/**
 * The employee inbox over real HTTP against the real Supervisor, a forked session actor
 * (Baileys) linked to the WhatsApp simulator, and the database: the chat list across sessions
 * with needs-reply, marking read, typing, retrying a failed send exactly once, media summaries
 * on messages and events, and signed media URLs.
 */
import { randomBytes } from 'node:crypto';
import type { HubEvent } from '@switchboard/shared';
import { Assignment, Chat, Media, Message, putMedia, Session, User } from '@switchboard/shared/node';
import mongoose from 'mongoose';
import type { SimEvents } from '@switchboard/wa-sim';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaSigner, signedMediaPath } from '../../../gateway/src/auth/mediaSignature.ts';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'inbox-1';
const PHONE = '34600000777';
const ALICE = '15550003001';
const BOB = '15550003002';
const ALICE_JID = `${ALICE}@s.whatsapp.net`;
const BOB_JID = `${BOB}@s.whatsapp.net`;

let w: GatewayWorld;
const tok: Record<'admin' | 'supervisor' | 'employee' | 'outsider', string> = { admin: '', supervisor: '', employee: '', outsider: '' };

/** The first hub event of this session (past or future) of `type` matching `pred`. */
function hubEvent<T extends HubEvent['type']>(type: T, pred: (e: Extract<HubEvent, { type: T }>) => boolean = () => true): Promise<Extract<HubEvent, { type: T }>> {
  return w.rec.waitFor((e) => e.sessionId === SESSION && e.type === type && pred(e as Extract<HubEvent, { type: T }>)) as Promise<Extract<HubEvent, { type: T }>>;
}

/** The next simulator event `name` matching `pred` (listen before acting). */
function simEvent<K extends keyof SimEvents>(name: K, pred: (...args: SimEvents[K]) => boolean): Promise<SimEvents[K][0]> {
  const sim = w.sim!;
  return new Promise((resolve) => {
    const listener = (...args: SimEvents[K]) => {
      if (!pred(...args)) return;
      sim.off(name, listener as never);
      resolve(args[0]);
    };
    sim.on(name, listener as never);
  });
}

/** The inbox row of a chat, as `who` sees it with `query`. */
async function inboxRow(who: keyof typeof tok, jid: string, query = '') {
  const res = await w.api('GET', `/api/chats?sessionId=${SESSION}${query}`, { token: tok[who] });
  expect(res.status).toBe(200);
  return (res.body.data as { id: string }[]).find((c) => c.id === jid) as Record<string, unknown> | undefined;
}

const jpeg = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#3a6' } }).jpeg().toBuffer();

beforeAll(async () => {
  w = await openGateway('gw-inbox', { simulator: true });
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
  await linkSession(w, tok.admin, { sessionId: SESSION, name: 'Ventas', phone: PHONE });
  w.sim!.createContact({ phone: ALICE, name: 'Alice' });
  w.sim!.createContact({ phone: BOB, name: 'Bob' });
  await Assignment.create({ sessionId: SESSION, chatId: ALICE_JID, userId: w.users.employee.id });
}, 120_000);

afterAll(async () => {
  await w?.close();
});

describe('the inbox list', () => {
  it('shows a customer waiting for a reply, with session name, phone and assignees, until an agent answers', async () => {
    const { id } = await w.sim!.contactSend(ALICE, { to: PHONE, text: 'hola, ¿tenéis stock?' });
    const update = await hubEvent('chat-update', (e) => e.chatId === ALICE_JID && e.lastInboundAt !== undefined);
    const incoming = await hubEvent('message', (e) => e.message.id === id);
    expect(update.lastInboundAt).toBe(incoming.message.timestamp);

    const row = await inboxRow('supervisor', ALICE_JID);
    expect(row).toMatchObject({
      sessionId: SESSION, sessionName: 'Ventas', name: 'Alice', phone: ALICE, needsReply: true, unreadCount: 1,
      lastInboundAt: incoming.message.timestamp, lastOutboundAt: null, lastMessageFromMe: false, waitingSince: incoming.message.timestamp,
      assignees: [{ userId: w.users.employee.id, name: expect.any(String) }],
    });
    // A second message: still waiting since the first.
    const more = await w.sim!.contactSend(ALICE, { to: PHONE, text: '¿y en azul?' });
    const second = await hubEvent('message', (e) => e.message.id === more.id);
    expect(second.message.timestamp).toBeGreaterThanOrEqual(incoming.message.timestamp);
    expect(await inboxRow('supervisor', ALICE_JID)).toMatchObject({ lastInboundAt: second.message.timestamp, waitingSince: incoming.message.timestamp });
    expect(await inboxRow('supervisor', ALICE_JID, '&needsReply=true')).toBeDefined();
    expect(await inboxRow('supervisor', ALICE_JID, '&needsReply=false')).toBeUndefined();

    const sent = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: tok.employee, body: { to: ALICE, text: 'Sí, quedan tres' } });
    expect(sent.status).toBe(202);
    const out = await hubEvent('message-sent', (e) => e.message.id === sent.body.messageId);
    const answered = await inboxRow('employee', ALICE_JID, '&needsReply=false');
    expect(answered).toMatchObject({ needsReply: false, lastMessageFromMe: true, lastOutboundAt: out.message.timestamp, waitingSince: null });
    const stored = await Chat.findOne({ sessionId: SESSION, jid: ALICE_JID }).lean();
    expect(stored).toMatchObject({ needsReply: false });
    expect(stored?.waitingSince).toBeUndefined();
  });

  it('filters by view and search, and keeps employees to their assigned chats whatever the view', async () => {
    const { id } = await w.sim!.contactSend(BOB, { to: PHONE, text: 'buenas' });
    await hubEvent('message', (e) => e.message.id === id);
    const ids = async (who: keyof typeof tok, query: string) =>
      ((await w.api('GET', `/api/chats?${query}`, { token: tok[who] })).body.data as { id: string }[]).map((c) => c.id).sort();

    expect(await ids('supervisor', 'view=all')).toEqual([ALICE_JID, BOB_JID]);
    expect(await ids('supervisor', 'view=unassigned')).toEqual([BOB_JID]);
    expect(await ids('supervisor', 'view=mine')).toEqual([]);
    expect(await ids('employee', 'view=all')).toEqual([ALICE_JID]);
    expect(await ids('employee', 'view=mine')).toEqual([ALICE_JID]);
    expect(await ids('employee', 'view=unassigned')).toEqual([]);
    expect(await ids('outsider', 'view=all')).toEqual([]);
    expect(await ids('admin', 'q=%2B1%20555%20000%203002')).toEqual([BOB_JID]);
    expect(await ids('admin', 'q=ALI')).toEqual([ALICE_JID]);
    expect(await ids('admin', 'q=.*')).toEqual([]); // regex characters are searched literally
    expect((await w.api('GET', `/api/chats?sessionId=${SESSION}`, { token: tok.outsider })).status).toBe(403);
    expect((await w.api('GET', '/api/chats?view=everything', { token: tok.admin })).body.error.code).toBe('validation_failed');
    // One colleague's chats (a supervisor following up on someone's workload).
    expect(await ids('supervisor', `assignee=${w.users.employee.id}`)).toEqual([ALICE_JID]);
    expect(await ids('supervisor', `assignee=${w.users.supervisor.id}`)).toEqual([]);
    expect(await ids('supervisor', `assignee=${w.users.employee.id}&needsReply=true`)).toEqual([]);
    expect((await w.api('GET', '/api/chats?assignee=elena', { token: tok.admin })).body.error.code).toBe('validation_failed');
  });
});

describe('the inbox page cost', () => {
  it('reads a page with a fixed number of queries, whatever its size', async () => {
    const other = 'inbox-2';
    await Session.create({ sessionId: other, name: 'Soporte', active: false, status: 'stopped' });
    const jids = Array.from({ length: 12 }, (_, i) => `3461000${String(i).padStart(4, '0')}@s.whatsapp.net`);
    await Chat.insertMany(jids.map((jid, i) => ({ sessionId: other, jid, lastMessageAt: new Date(1_000 + i), lastInboundAt: new Date(1_000 + i) })));
    await Assignment.insertMany(jids.flatMap((chatId) => [w.users.admin.id, w.users.supervisor.id].map((userId) => ({ sessionId: other, chatId, userId }))));
    const queriesFor = async (limit: number) => {
      let n = 0;
      // Only the collections the inbox reads: the Supervisor in this process writes others meanwhile.
      mongoose.set('debug', (collection: string) => {
        if (['chats', 'assignments', 'users'].includes(collection)) n += 1;
      });
      try {
        const res = await w.api('GET', `/api/chats?sessionId=${other}&limit=${limit}`, { token: tok.supervisor });
        expect(res.body.data).toHaveLength(limit);
        expect(res.body.data[0]).toMatchObject({ sessionName: 'Soporte', phone: '34610000011', needsReply: true, assignees: [{ userId: w.users.admin.id }, { userId: w.users.supervisor.id }] });
      } finally {
        mongoose.set('debug', false);
      }
      return n;
    };
    const small = await queriesFor(2);
    expect(await queriesFor(12)).toBe(small);
    // The hook sees them: chats (the last day's and week's, empty here, then the page; the
    // count), assignments, users.
    expect(small).toBeGreaterThanOrEqual(4);
    expect(small).toBeLessThanOrEqual(8);
    await Promise.all([Chat.deleteMany({ sessionId: other }), Assignment.deleteMany({ sessionId: other }), Session.deleteOne({ sessionId: other })]);
  });
});

describe('chat actions', () => {
  it('marks a chat read: read receipts reach the contact, unread drops to 0 and other consoles get a chat-update', async () => {
    const sends = [await w.sim!.contactSend(BOB, { to: PHONE, text: 'uno' }), await w.sim!.contactSend(BOB, { to: PHONE, text: 'dos' })];
    for (const { id } of sends) await hubEvent('message', (e) => e.message.id === id);
    expect(await inboxRow('admin', BOB_JID)).toMatchObject({ unreadCount: 3 });

    expect((await w.api('POST', `/api/sessions/${SESSION}/chats/${BOB_JID}/read`, { token: tok.employee })).status).toBe(403);
    const receipts = simEvent('receipt', (r) => r.type === 'read' && sends.every((s) => r.ids.includes(s.id)));
    const mark = w.rec.events.length;
    const res = await w.api('POST', `/api/sessions/${SESSION}/chats/${encodeURIComponent(BOB_JID)}/read`, { token: tok.supervisor });
    expect([res.status, res.body]).toEqual([200, { ok: true, sentReceipts: true }]);
    await receipts;
    await w.rec.waitFor((e) => w.rec.events.indexOf(e) >= mark && e.type === 'chat-update' && e.chatId === BOB_JID && e.unreadCount === 0);
    expect(await inboxRow('admin', BOB_JID)).toMatchObject({ unreadCount: 0 });
    const statuses = await Message.find({ sessionId: SESSION, chatId: BOB_JID, fromMe: false }, { status: 1 }).lean();
    expect(statuses.map((m) => m.status)).toEqual(['read', 'read', 'read']);
  });

  it('marks a chat unread for the team: count 1, announced, listed by the unread filter', async () => {
    const path = `/api/sessions/${SESSION}/chats/${encodeURIComponent(BOB_JID)}/unread`;
    expect(await inboxRow('admin', BOB_JID)).toMatchObject({ unreadCount: 0 });
    expect(await inboxRow('admin', BOB_JID, '&unread=true')).toBeUndefined();
    expect(await inboxRow('admin', BOB_JID, '&unread=false')).toBeDefined();
    expect((await w.api('POST', path, { token: tok.employee })).status).toBe(403);
    const unknown = await w.api('POST', `/api/sessions/${SESSION}/chats/15550009999/unread`, { token: tok.supervisor });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);

    const mark = w.rec.events.length;
    const res = await w.api('POST', path, { token: tok.supervisor });
    expect([res.status, res.body]).toEqual([200, { ok: true, unreadCount: 1 }]);
    await w.rec.waitFor((e) => w.rec.events.indexOf(e) >= mark && e.type === 'chat-update' && e.chatId === BOB_JID && e.unreadCount === 1);
    expect(await inboxRow('admin', BOB_JID, '&unread=true')).toMatchObject({ unreadCount: 1 });
    expect(await inboxRow('admin', BOB_JID, '&unread=false')).toBeUndefined();

    // A chat with unread messages keeps its count; reading it clears the mark.
    const { id } = await w.sim!.contactSend(BOB, { to: PHONE, text: 'tres' });
    await hubEvent('message', (e) => e.message.id === id);
    expect((await w.api('POST', path, { token: tok.supervisor })).body).toEqual({ ok: true, unreadCount: 2 });
    expect((await w.api('POST', `/api/sessions/${SESSION}/chats/${BOB_JID}/read`, { token: tok.supervisor })).status).toBe(200);
    expect(await inboxRow('admin', BOB_JID, '&unread=true')).toBeUndefined();
  });

  it('marks a chat as needing no reply: out of needs-reply, announced, and waiting again when the customer writes', async () => {
    const path = `/api/sessions/${SESSION}/chats/${BOB}/handled`;
    const { id } = await w.sim!.contactSend(BOB, { to: PHONE, text: '¡gracias!' });
    await hubEvent('message', (e) => e.message.id === id);
    expect(await inboxRow('admin', BOB_JID, '&needsReply=true')).toMatchObject({ needsReply: true, handledAt: null, lastMessageFromMe: false });
    // Only who may answer the chat: Bob is not the employee's.
    expect((await w.api('POST', path, { token: tok.employee })).status).toBe(403);
    const unknown = await w.api('POST', `/api/sessions/${SESSION}/chats/15550009999/handled`, { token: tok.supervisor });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);

    const mark = w.rec.events.length;
    const receivedBefore = w.sim!.received(BOB).length;
    const res = await w.api('POST', path, { token: tok.supervisor });
    expect([res.status, res.body]).toEqual([200, { ok: true, handledAt: expect.any(Number) }]);
    const update = await w.rec.waitFor((e) => w.rec.events.indexOf(e) >= mark && e.type === 'chat-update' && e.chatId === BOB_JID && 'handledAt' in e);
    expect(update).toMatchObject({ handledAt: res.body.handledAt });
    expect(await inboxRow('admin', BOB_JID, '&needsReply=true')).toBeUndefined();
    // Nothing was sent: the customer still wrote last.
    expect(await inboxRow('admin', BOB_JID, '&needsReply=false')).toMatchObject({ needsReply: false, handledAt: res.body.handledAt, lastMessageFromMe: false, waitingSince: null });
    expect((await Chat.findOne({ sessionId: SESSION, jid: BOB_JID }).lean())?.waitingSince).toBeUndefined();

    // The customer writes again (and got nothing from us meanwhile): the chat waits for a reply again.
    const again = await w.sim!.contactSend(BOB, { to: PHONE, text: 'una cosa más' });
    await hubEvent('message', (e) => e.message.id === again.id);
    expect(w.sim!.received(BOB)).toHaveLength(receivedBefore);
    expect(await inboxRow('admin', BOB_JID, '&needsReply=true')).toMatchObject({ needsReply: true, handledAt: res.body.handledAt, waitingSince: (await hubEvent('message', (e) => e.message.id === again.id)).message.timestamp });
  });

  it('snoozes a chat: out of the lists until it wakes or the customer writes; refuses bad times and hiding unseen messages', async () => {
    const path = `/api/sessions/${SESSION}/chats/${ALICE}/snooze`;
    const { id } = await w.sim!.contactSend(ALICE, { to: PHONE, text: 'luego te digo' });
    const incoming = await hubEvent('message', (e) => e.message.id === id);
    const hour = Date.now() + 3600_000;
    const refused = async (body: unknown, token = tok.employee) => {
      const res = await w.api('PUT', path, { token, body });
      return [res.status, res.body.error?.code];
    };
    expect(await refused({ until: Date.now() - 1000 })).toEqual([400, 'invalid_snooze']);
    expect(await refused({ until: Date.now() + 400 * 24 * 3600_000 })).toEqual([400, 'invalid_snooze']);
    expect(await refused({ until: 'mañana' })).toEqual([400, 'validation_failed']);
    expect(await refused({ until: hour }, tok.outsider)).toEqual([403, 'forbidden']);
    expect((await w.api('PUT', `/api/sessions/${SESSION}/chats/${BOB}/snooze`, { token: tok.employee, body: { until: hour } })).status).toBe(403);
    // The agent saw the chat before this message came in: putting it aside would hide it.
    expect(await refused({ until: hour, seenInboundAt: incoming.message.timestamp - 1 })).toEqual([409, 'chat_changed']);

    const res = await w.api('PUT', path, { token: tok.employee, body: { until: hour, seenInboundAt: incoming.message.timestamp } });
    expect([res.status, res.body]).toEqual([200, { sessionId: SESSION, chatId: ALICE_JID, snoozedUntil: hour }]);
    expect(await inboxRow('employee', ALICE_JID)).toBeUndefined();
    expect(await inboxRow('employee', ALICE_JID, '&needsReply=true')).toBeUndefined();
    expect(await inboxRow('employee', ALICE_JID, '&snoozed=true')).toMatchObject({ snoozedUntil: hour });

    // Its time comes: back in the list by itself.
    await Chat.updateOne({ sessionId: SESSION, jid: ALICE_JID }, { $set: { snoozedUntil: new Date(Date.now() - 1000) } });
    expect(await inboxRow('employee', ALICE_JID)).toMatchObject({ snoozedUntil: null });
    expect(await inboxRow('employee', ALICE_JID, '&snoozed=true')).toBeUndefined();

    // The customer writes before its time: back at once (the actor clears it with the message).
    expect((await w.api('PUT', path, { token: tok.employee, body: { until: hour } })).status).toBe(200);
    expect(await inboxRow('employee', ALICE_JID)).toBeUndefined();
    const again = await w.sim!.contactSend(ALICE, { to: PHONE, text: 'ya estoy' });
    await hubEvent('message', (e) => e.message.id === again.id);
    expect(await inboxRow('employee', ALICE_JID)).toMatchObject({ snoozedUntil: null, needsReply: true });

    // Woken by hand.
    expect((await w.api('PUT', path, { token: tok.employee, body: { until: hour } })).status).toBe(200);
    expect((await w.api('PUT', path, { token: tok.employee, body: { until: null } })).body).toEqual({ sessionId: SESSION, chatId: ALICE_JID, snoozedUntil: null });
    expect(await inboxRow('employee', ALICE_JID)).toBeDefined();
  });

  it('shows the contact that the agent is typing, for agents who may write to the chat', async () => {
    const typing = simEvent('presence', (p) => p.to === ALICE && p.type === 'composing');
    const res = await w.api('POST', `/api/sessions/${SESSION}/chats/${ALICE}/presence`, { token: tok.employee, body: { state: 'composing' } });
    expect([res.status, res.body]).toEqual([200, { ok: true }]);
    await typing;
    expect((await w.api('POST', `/api/sessions/${SESSION}/chats/${BOB}/presence`, { token: tok.employee, body: { state: 'composing' } })).status).toBe(403);
    expect((await w.api('POST', `/api/sessions/${SESSION}/chats/${ALICE}/presence`, { token: tok.employee, body: { state: 'dancing' } })).status).toBe(400);
  });

  it('retries a failed send: same id and clientId, delivered to the contact exactly once', async () => {
    w.sim!.injectFault({ phone: PHONE, kind: 'send-error', code: 479 });
    const sent = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: tok.employee, body: { to: ALICE, text: 'otra vez', clientId: 'inbox-retry-1' } });
    const { messageId } = sent.body as { messageId: string };
    const failed = await hubEvent('message-status', (e) => e.messageId === messageId && e.status === 'failed');
    expect(failed.reason).toBe('479');
    const listed = await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${ALICE}`, { token: tok.employee });
    expect(listed.body.data.find((m: { id: string }) => m.id === messageId)).toMatchObject({ status: 'failed', statusReason: '479', clientId: 'inbox-retry-1' });
    expect(w.sim!.received(ALICE).some((m) => m.id === messageId)).toBe(false);

    expect((await w.api('POST', `/api/sessions/${SESSION}/messages/${messageId}/retry`, { token: tok.outsider })).status).toBe(403);
    const retry = await w.api('POST', `/api/sessions/${SESSION}/messages/${messageId}/retry`, { token: tok.employee });
    expect([retry.status, retry.body]).toEqual([202, { messageId, status: 'pending', duplicate: false, chatId: ALICE_JID }]);
    expect((await w.sim!.waitForReceived(ALICE, (m) => m.id === messageId)).text).toBe('otra vez');
    const announced = await hubEvent('message-sent', (e) => e.message.id === messageId);
    expect(announced.message).toMatchObject({ id: messageId, clientId: 'inbox-retry-1', status: 'sent' });
    expect(announced.message.statusReason).toBeUndefined();
    await hubEvent('message-status', (e) => e.messageId === messageId && e.status === 'delivered');
    expect(w.sim!.received(ALICE).filter((m) => m.id === messageId)).toHaveLength(1);
    expect(await Message.findOne({ sessionId: SESSION, messageId }).lean()).toMatchObject({ clientId: 'inbox-retry-1', statusReason: null, attempts: 1 });
    expect(await Message.countDocuments({ sessionId: SESSION, clientId: 'inbox-retry-1' })).toBe(1);

    const again = await w.api('POST', `/api/sessions/${SESSION}/messages/${messageId}/retry`, { token: tok.employee });
    expect([again.status, again.body.error.code]).toEqual([409, 'not_failed']);
    const incoming = await Message.findOne({ sessionId: SESSION, chatId: ALICE_JID, fromMe: false }).lean();
    const notOurs = await w.api('POST', `/api/sessions/${SESSION}/messages/${incoming!.messageId}/retry`, { token: tok.employee });
    expect([notOurs.status, notOurs.body.error.code]).toEqual([409, 'not_outgoing']);
    expect((await w.api('POST', `/api/sessions/${SESSION}/messages/3EB0NOSUCHMESSAGE/retry`, { token: tok.employee })).status).toBe(404);
  });

  it('edits a sent text and deletes a sent message for everyone: WhatsApp hears it, the message changes and is announced, within WhatsApp limits', async () => {
    const sent = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: tok.employee, body: { to: ALICE, text: 'el pedido sale el lunes' } });
    const { messageId } = sent.body as { messageId: string };
    // Who sent it: the id on the live event, id and name on REST pages.
    expect((await hubEvent('message-sent', (e) => e.message.id === messageId)).message.sentBy).toEqual({ id: w.users.employee.id, name: null });
    const page = await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${ALICE}`, { token: tok.supervisor });
    const employeeName = (await User.findById(w.users.employee.id).lean())!.name;
    expect(page.body.data.find((m: { id: string }) => m.id === messageId).sentBy).toEqual({ id: w.users.employee.id, name: employeeName });
    expect(page.body.data.filter((m: { fromMe: boolean; sentBy?: unknown }) => !m.fromMe && m.sentBy)).toEqual([]);
    const path = `/api/sessions/${SESSION}/messages/${messageId}`;

    expect((await w.api('PUT', path, { token: tok.outsider, body: { text: 'x' } })).status).toBe(403);
    expect((await w.api('PUT', path, { token: tok.employee, body: { text: '   ' } })).status).toBe(400);
    const edit = await w.api('PUT', path, { token: tok.employee, body: { text: 'el pedido sale el martes' } });
    expect([edit.status, edit.body.ok]).toEqual([200, true]);
    expect(await w.sim!.waitForReceived(ALICE, (m) => m.kind === 'edit' && m.targetId === messageId)).toMatchObject({ text: 'el pedido sale el martes' });
    const edited = await hubEvent('message', (e) => e.message.id === messageId && e.message.editedAt !== undefined);
    expect(edited.message).toMatchObject({ text: 'el pedido sale el martes', fromMe: true, editedAt: edit.body.at });
    expect(await Message.findOne({ sessionId: SESSION, messageId }).lean()).toMatchObject({ text: 'el pedido sale el martes' });

    const del = await w.api('DELETE', path, { token: tok.employee });
    expect(del.status).toBe(200);
    await w.sim!.waitForReceived(ALICE, (m) => m.kind === 'revoke' && m.targetId === messageId);
    const revoked = await hubEvent('message', (e) => e.message.id === messageId && e.message.revokedAt !== undefined);
    expect(revoked.message.text).toBeUndefined();
    const listed = await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${ALICE}`, { token: tok.employee });
    expect(listed.body.data.find((m: { id: string }) => m.id === messageId)).toMatchObject({ revokedAt: del.body.at });
    expect(listed.body.data.find((m: { id: string }) => m.id === messageId).text).toBeUndefined();
    expect((await w.api('DELETE', path, { token: tok.employee })).body.error.code).toBe('message_deleted');
    expect((await w.api('PUT', path, { token: tok.employee, body: { text: 'otra vez' } })).body.error.code).toBe('message_deleted');

    // WhatsApp's limits and what cannot be changed at all.
    const old = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: tok.employee, body: { to: ALICE, text: 'hace rato' } });
    const oldId = (old.body as { messageId: string }).messageId;
    await hubEvent('message-sent', (e) => e.message.id === oldId);
    await Message.updateOne({ sessionId: SESSION, messageId: oldId }, { $set: { timestamp: new Date(Date.now() - 16 * 60_000) } });
    const late = await w.api('PUT', `/api/sessions/${SESSION}/messages/${oldId}`, { token: tok.employee, body: { text: 'tarde' } });
    expect([late.status, late.body.error.code]).toEqual([409, 'edit_window_closed']);
    await Message.updateOne({ sessionId: SESSION, messageId: oldId }, { $set: { timestamp: new Date(Date.now() - 49 * 3600_000) } });
    expect((await w.api('DELETE', `/api/sessions/${SESSION}/messages/${oldId}`, { token: tok.employee })).body.error.code).toBe('delete_window_closed');
    const incoming = await Message.findOne({ sessionId: SESSION, chatId: ALICE_JID, fromMe: false }).lean();
    expect((await w.api('DELETE', `/api/sessions/${SESSION}/messages/${incoming!.messageId}`, { token: tok.employee })).body.error.code).toBe('not_outgoing');
    expect((await w.api('PUT', `/api/sessions/${SESSION}/messages/3EB0NOSUCHMESSAGE`, { token: tok.employee, body: { text: 'x' } })).status).toBe(404);
    expect(w.sim!.received(ALICE).filter((m) => m.targetId === oldId)).toEqual([]);
  });
});

describe('media on messages and signed media URLs', () => {
  let image: Buffer;
  let incomingMediaId = '';
  let incomingAt = 0;

  it('puts the media summary on the message event and on the REST page, which also catches up with `after`', async () => {
    image = await jpeg(64, 48);
    const { id } = await w.sim!.contactSend(ALICE, { to: PHONE, image, caption: 'mira' });
    const event = await hubEvent('message', (e) => e.message.id === id);
    expect(event.message.media).toMatchObject({ mimeType: 'image/jpeg', size: image.length, hasThumbnail: false });
    incomingMediaId = event.message.mediaId!;
    incomingAt = event.message.timestamp;

    const page = await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${ALICE}`, { token: tok.employee });
    expect(page.body.data.find((m: { id: string }) => m.id === id)).toEqual(event.message);
    // WhatsApp times are whole seconds, so neighbours may share one: assert on the boundary only.
    const newer = async (after: number) =>
      ((await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${ALICE}&after=${after}`, { token: tok.employee })).body.data as { id: string; timestamp: number }[]);
    const from = await newer(incomingAt - 1);
    expect(from.map((m) => m.id)).toContain(id);
    expect(from.every((m) => m.timestamp >= incomingAt)).toBe(true);
    const past = await newer(incomingAt);
    expect(past.map((m) => m.id)).not.toContain(id);
    expect(past.every((m) => m.timestamp > incomingAt)).toBe(true);
  });

  it('puts the media summary (with its thumbnail) on message-sent for an uploaded image', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await jpeg(120, 80))], { type: 'image/jpeg' }), 'foto.jpg');
    const up = await w.api('POST', `/api/sessions/${SESSION}/media?to=${ALICE}`, { token: tok.employee, form });
    expect(up.status).toBe(201);
    const sent = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: tok.employee, body: { to: ALICE, mediaId: up.body.id } });
    const event = await hubEvent('message-sent', (e) => e.message.id === sent.body.messageId);
    expect(event.message.media).toEqual({ mimeType: 'image/jpeg', fileName: 'foto.jpg', size: up.body.size, width: 120, height: 80, durationMs: null, hasThumbnail: true });
  });

  it('serves signed URLs without an Authorization header, with Range, on the file, its download and its thumbnail', async () => {
    const blob = await putMedia(randomBytes(64), { contentType: 'application/pdf' });
    const bobFile = await Media.create({ sessionId: SESSION, chatId: BOB_JID, kind: 'document', mimeType: 'application/pdf', size: blob.size, sha256: blob.sha256, gridFsId: blob.id, direction: 'in' });
    const ids = [incomingMediaId, bobFile._id.toString(), 'ffffffffffffffffffffffff'];
    const signed = await w.api('POST', '/api/media/sign', { token: tok.employee, body: { ids } });
    expect(signed.status).toBe(200);
    expect(Object.keys(signed.body.urls)).toEqual([incomingMediaId]);
    expect(signed.body.expiresAt).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(Object.keys((await w.api('POST', '/api/media/sign', { token: tok.supervisor, body: { ids } })).body.urls).sort()).toEqual(ids.slice(0, 2).sort());
    expect((await w.api('POST', '/api/media/sign', { token: tok.outsider, body: { ids } })).body.urls).toEqual({});

    const url = signed.body.urls[incomingMediaId] as string;
    const part = await fetch(w.url + url, { headers: { range: 'bytes=0-9' } });
    expect([part.status, part.headers.get('content-range')]).toEqual([206, `bytes 0-9/${image.length}`]);
    expect(Buffer.from(await part.arrayBuffer()).equals(image.subarray(0, 10))).toBe(true);
    const [path, query] = url.split('?');
    const download = await fetch(`${w.url}${path}/download?${query}`);
    expect([download.status, download.headers.get('content-disposition')?.startsWith('attachment')]).toEqual([200, true]);
    const thumb = await w.api('GET', `${path}/thumbnail?${query}`);
    expect([thumb.status, thumb.body.error?.code]).toEqual([404, 'no_thumbnail']); // authenticated, and WhatsApp images get no thumbnail
  });

  it('refuses tampered, expired, foreign and revoked signatures, and media the user may no longer read', async () => {
    const signed = await w.api('POST', '/api/media/sign', { token: tok.employee, body: { ids: [incomingMediaId] } });
    const url = signed.body.urls[incomingMediaId] as string;
    const get = async (u: string) => {
      const res = await w.api('GET', u);
      return [res.status, res.body?.error?.code];
    };
    const sig = new URL(url, w.url).searchParams.get('sig')!;
    expect(await get(url.replace(sig, `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`))).toEqual([401, 'invalid_signature']);
    expect(await get(url.replace(`u=${w.users.employee.id}`, `u=${w.users.outsider.id}`))).toEqual([401, 'invalid_signature']);
    expect(await get(url.replace(incomingMediaId, 'ffffffffffffffffffffffff'))).toEqual([401, 'invalid_signature']);
    const { tokenVersion } = (await User.findById(w.users.employee.id).lean())!;
    const signer = createMediaSigner(w.settings.jwtSecret);
    const expired = signedMediaPath(signer, { fileId: incomingMediaId, userId: w.users.employee.id, tokenVersion, exp: Math.floor(Date.now() / 1000) - 1 });
    expect(await get(expired)).toEqual([401, 'signature_expired']);
    expect(await get(url)).toEqual([200, undefined]);

    await Assignment.deleteOne({ sessionId: SESSION, chatId: ALICE_JID, userId: w.users.employee.id });
    expect(await get(url)).toEqual([404, 'not_found']);
    await Assignment.create({ sessionId: SESSION, chatId: ALICE_JID, userId: w.users.employee.id });
    expect(await get(url)).toEqual([200, undefined]);

    expect((await w.api('POST', '/api/auth/logout', { token: tok.employee })).status).toBe(200);
    expect(await get(url)).toEqual([401, 'invalid_signature']);
    tok.employee = await w.login('employee');
  });
});

describe('with the session stopped', () => {
  it('still resets the unread count on mark-read (without receipts), marks unread and handled, and answers 409 to typing', async () => {
    const { id } = await w.sim!.contactSend(ALICE, { to: PHONE, text: '¿hola?' });
    await hubEvent('message', (e) => e.message.id === id);
    await w.hub.stop(SESSION);
    expect((await Chat.findOne({ sessionId: SESSION, jid: ALICE_JID }).lean())?.unreadCount).toBeGreaterThan(0);
    const res = await w.api('POST', `/api/sessions/${SESSION}/chats/${ALICE}/read`, { token: tok.employee });
    expect([res.status, res.body]).toEqual([200, { ok: true, sentReceipts: false }]);
    expect((await Chat.findOne({ sessionId: SESSION, jid: ALICE_JID }).lean())?.unreadCount).toBe(0);
    expect((await Message.findOne({ sessionId: SESSION, messageId: id }).lean())?.status).toBe('delivered');
    const unread = await w.api('POST', `/api/sessions/${SESSION}/chats/${ALICE}/unread`, { token: tok.employee });
    expect([unread.status, unread.body]).toEqual([200, { ok: true, unreadCount: 1 }]);
    expect((await Chat.findOne({ sessionId: SESSION, jid: ALICE_JID }).lean())?.unreadCount).toBe(1);
    expect((await Chat.findOne({ sessionId: SESSION, jid: ALICE_JID }).lean())?.needsReply).toBe(true);
    const handled = await w.api('POST', `/api/sessions/${SESSION}/chats/${ALICE}/handled`, { token: tok.employee });
    expect([handled.status, handled.body]).toEqual([200, { ok: true, handledAt: expect.any(Number) }]);
    expect(await Chat.findOne({ sessionId: SESSION, jid: ALICE_JID }).lean()).toMatchObject({ needsReply: false, handledAt: new Date(handled.body.handledAt) });
    const typing = await w.api('POST', `/api/sessions/${SESSION}/chats/${ALICE}/presence`, { token: tok.employee, body: { state: 'paused' } });
    expect([typing.status, typing.body.error.code]).toEqual([409, 'actor_not_running']);
  });
});
