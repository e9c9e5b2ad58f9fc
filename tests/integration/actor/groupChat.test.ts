import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '@switchboard/wa-sim';
import { Chat, Message, MessageReceipt } from '@switchboard/shared/node';
import { startLinkedActor, stopLinkedActor, type ActorRun } from './harness.ts';

let sim: Simulator;
let run: ActorRun;
const SESSION = 'groups';
const PHONE = '15550008001';
const ALICE = '15550008002';
const BOB = '15550008003';
const pn = (digits: string) => `${digits}@s.whatsapp.net`;

beforeAll(async () => {
  // With chats preloaded (the default configuration), unlike the NO_PRELOAD of the helper.
  ({ sim, run } = await startLinkedActor({ db: 'actor_groups', sessionId: SESSION, name: 'Groups', phone: PHONE, phoneName: 'Tienda', contacts: { [ALICE]: 'Alice', [BOB]: 'Bob' }, config: {} }));
});

afterAll(() => stopLinkedActor(run, sim));

/** Queues a reply the way the hub does (pending, id generated up front) and flushes the outbox. */
async function reply(chatId: string, text: string, quotedId?: string): Promise<string> {
  const messageId = `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;
  await Message.create({ sessionId: SESSION, chatId, messageId, fromMe: true, status: 'pending', kind: 'text', text, timestamp: new Date(), ...(quotedId ? { quotedId } : {}) });
  await run.handlers.flushOutbox({});
  return messageId;
}

describe.each(['pn', 'lid'] as const)('a WhatsApp group (%s addressing) in the session actor', (addressing) => {
  let group = '';
  const subject = `Pedidos ${addressing}`;

  beforeAll(() => {
    group = sim.createGroup({ subject, members: [ALICE, PHONE, BOB], addressing }).jid;
  });

  it('stores a member message once, with its author, in a group chat named by its subject', async () => {
    const { id } = await sim.contactSendToGroup(ALICE, group, { text: `hola grupo ${addressing}` });
    const event = await run.waitFor('message', (e) => e.message.id === id);
    expect(event.message).toMatchObject({ chatId: group, fromMe: false, sender: pn(ALICE), pushName: 'Alice', text: `hola grupo ${addressing}` });
    const stored = await Message.find({ sessionId: SESSION, messageId: id }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ chatId: group, sender: pn(ALICE), pushName: 'Alice' });
    // The subject reaches live clients as well as the stored chat (fetched once, when the chat is new).
    await run.waitFor('chat-update', (e) => e.chatId === group && e.name === subject);
    const chat = await Chat.findOne({ sessionId: SESSION, jid: group }).lean();
    expect(chat).toMatchObject({ isGroup: true, name: subject, unreadCount: 1 });
    // A member's push name never renames the group.
    expect(run.events.some((e) => e.type === 'chat-update' && e.chatId === group && e.name === 'Alice')).toBe(false);
  });

  it('keeps each member as the author of their own messages', async () => {
    const { id } = await sim.contactSendToGroup(BOB, group, { text: 'soy bob' });
    const event = await run.waitFor('message', (e) => e.message.id === id);
    expect(event.message).toMatchObject({ chatId: group, sender: pn(BOB), pushName: 'Bob' });
    const chat = await Chat.findOne({ sessionId: SESSION, jid: group }).lean();
    expect(chat).toMatchObject({ name: subject, unreadCount: 2 });
    expect(await Chat.countDocuments({ sessionId: SESSION, isGroup: true, jid: group })).toBe(1);
  });

  it('stores whom a member mentions by phone number, named: a member by their push name in the group, the account flagged', async () => {
    const { id } = await sim.contactSendToGroup(ALICE, group, { text: `@${BOB} y @${PHONE}, ¿quién abre mañana?`, mentions: [BOB, PHONE] });
    const event = await run.waitFor('message', (e) => e.message.id === id);
    // As WhatsApp writes it: in a LID group the text names people by their LID's digits.
    const users = event.message.mentions!.map((m) => m.user);
    expect(event.message.text).toBe(`@${users[0]} y @${users[1]}, ¿quién abre mañana?`);
    if (addressing === 'pn') expect(users).toEqual([BOB, PHONE]);
    else expect(users.some((u) => u === BOB || u === PHONE)).toBe(false);
    expect(event.message.mentions).toEqual([
      { user: users[0], jid: pn(BOB), name: 'Bob' },
      { user: users[1], jid: pn(PHONE), name: 'Tienda', isAccount: true },
    ]);
    expect((await Message.findOne({ sessionId: SESSION, messageId: id }).lean())?.mentions).toEqual(event.message.mentions);
    // The chat list's preview shows them by name, after who wrote it.
    expect((await Chat.findOne({ sessionId: SESSION, jid: group }).lean())?.lastMessagePreview).toBe('Alice: @Bob y @Tienda, ¿quién abre mañana?');
  });

  it('sends read receipts for group messages to their authors', async () => {
    const { id } = await sim.contactSendToGroup(ALICE, group, { text: 'léeme' });
    await run.waitFor('message', (e) => e.message.id === id);
    const read = new Promise((resolve) => {
      const onReceipt = (r: { contact: string; ids: string[]; type: string }) => {
        if (r.type !== 'read' || !r.ids.includes(id)) return;
        sim.off('receipt', onReceipt);
        resolve(r);
      };
      sim.on('receipt', onReceipt);
    });
    await run.handlers.markRead({ chatJid: group, messageIds: [id] });
    expect(await read).toMatchObject({ phone: PHONE, contact: ALICE });
    expect(await Chat.findOne({ sessionId: SESSION, jid: group }).lean()).toMatchObject({ unreadCount: 0 });
  });

  it('sends a reply to the group that every member decrypts', async () => {
    const messageId = await reply(group, `respuesta ${addressing}`);
    for (const member of [ALICE, BOB]) {
      const got = await sim.waitForReceived(member, (m) => m.id === messageId);
      expect(got).toMatchObject({ group, from: PHONE, kind: 'text', text: `respuesta ${addressing}` });
    }
    await run.waitFor('message-sent', (e) => e.message.id === messageId && e.message.chatId === group);
    expect(sim.duplicates(ALICE)).toEqual([]);
    expect(sim.duplicates(BOB)).toEqual([]);
  });

  it("keeps each member's delivery and read of our message, by phone number, announces each once, and ticks as WhatsApp does: read once every member has read it", async () => {
    sim.setAutoReceipts(ALICE, { delivery: true, read: true });
    sim.setAutoReceipts(BOB, { delivery: true, read: false });
    const messageId = await reply(group, `¿quién lo ha leído? ${addressing}`);
    await run.waitFor('member-receipt', (e) => e.messageId === messageId && e.member === pn(ALICE) && e.status === 'read');
    await run.waitFor('member-receipt', (e) => e.messageId === messageId && e.member === pn(BOB) && e.status === 'delivered');
    // Both have it, only Alice has read it: delivered, not read.
    await run.waitFor('message-status', (e) => e.messageId === messageId && e.status === 'delivered');
    const statusOf = async () => (await Message.findOne({ sessionId: SESSION, messageId }).lean())?.status;
    expect(await statusOf()).toBe('delivered');
    const receipts = await MessageReceipt.find({ sessionId: SESSION, messageId }).sort({ member: 1 }).lean();
    expect(receipts.map((r) => [r.member, r.chatId, !!r.deliveredAt, !!r.readAt])).toEqual([
      [pn(ALICE), group, true, true],
      [pn(BOB), group, true, false],
    ]);
    // Bob reads it later; a receipt repeated changes nothing and is not announced again.
    await sim.sendReceipt(BOB, messageId, 'read');
    await run.waitFor('member-receipt', (e) => e.messageId === messageId && e.member === pn(BOB) && e.status === 'read');
    await run.waitFor('message-status', (e) => e.messageId === messageId && e.status === 'read');
    expect(await statusOf()).toBe('read');
    await sim.sendReceipt(ALICE, messageId, 'read');
    const { id: marker } = await sim.contactSendToGroup(BOB, group, { text: `leído ${addressing}` });
    await run.waitFor('message', (e) => e.message.id === marker);
    // (Alice's delivery and read may come as one receipt: then only her read is announced.)
    const announced = run.events.flatMap((e) => (e.type === 'member-receipt' && e.messageId === messageId ? [`${e.member}:${e.status}`] : []));
    expect(new Set(announced).size).toBe(announced.length);
    expect(announced).toEqual(expect.arrayContaining([`${pn(ALICE)}:read`, `${pn(BOB)}:delivered`, `${pn(BOB)}:read`]));
    const bob = await MessageReceipt.findOne({ sessionId: SESSION, messageId, member: pn(BOB) }).lean();
    expect(bob!.readAt!.getTime()).toBeGreaterThanOrEqual(bob!.deliveredAt!.getTime());
    sim.setAutoReceipts(ALICE, { delivery: true, read: false });
  });

  it("quotes a member's message by its author, so members see whose message it answers", async () => {
    const { id } = await sim.contactSendToGroup(ALICE, group, { text: `¿hay stock? ${addressing}` });
    await run.waitFor('message', (e) => e.message.id === id);
    const messageId = await reply(group, 'sí, quedan dos', id);
    const got = await sim.waitForReceived(BOB, (m) => m.id === messageId);
    expect(got).toMatchObject({ group, quotedId: id, quotedParticipant: pn(ALICE) });
  });

  it("applies a member's edit of their own message, and ignores one member editing or deleting another's", async () => {
    const { id } = await sim.contactSendToGroup(ALICE, group, { text: `a las 5 ${addressing}` });
    await run.waitFor('message', (e) => e.message.id === id);
    await sim.contactSendToGroup(BOB, group, { edit: { targetId: id, text: 'suplantado' } });
    await sim.contactSendToGroup(BOB, group, { revoke: { targetId: id } });
    await sim.contactSendToGroup(ALICE, group, { edit: { targetId: id, text: `a las 6 ${addressing}` } });
    const edited = await run.waitFor('message', (e) => e.message.id === id && e.message.editedAt !== undefined);
    expect(edited.message).toMatchObject({ text: `a las 6 ${addressing}`, sender: pn(ALICE) });
    // Bob's next message comes after his changes: by then they were handled, and left it alone.
    const { id: after } = await sim.contactSendToGroup(BOB, group, { text: `después ${addressing}` });
    await run.waitFor('message', (e) => e.message.id === after);
    const stored = await Message.findOne({ sessionId: SESSION, messageId: id }).lean();
    expect([stored?.text, stored?.revokedAt ?? null]).toEqual([`a las 6 ${addressing}`, null]);
    expect(run.events.filter((e) => e.type === 'message' && e.message.id === id).map((e) => (e.type === 'message' ? e.message.text : ''))).toEqual([`a las 5 ${addressing}`, `a las 6 ${addressing}`]);
  });
});

describe.each(['pn', 'lid'] as const)('changes to a group (%s addressing)', (addressing) => {
  it('stores someone being added and a new subject where they happened, by phone number and named, never unread', async () => {
    const group = sim.createGroup({ subject: `Turno ${addressing}`, members: [ALICE, PHONE], addressing }).jid;
    const { id } = await sim.contactSendToGroup(ALICE, group, { text: `hola ${addressing}` });
    await run.waitFor('message', (e) => e.message.id === id);
    await run.handlers.markRead({ chatJid: group, messageIds: [id] });
    const before = await Chat.findOne({ sessionId: SESSION, jid: group }).lean();

    sim.addToGroup(group, [BOB]);
    const added = await run.waitFor('message', (e) => e.message.chatId === group && e.message.kind === 'system');
    expect(added.message.system).toEqual({ action: 'add', by: { jid: pn(ALICE), name: 'Alice' }, who: [{ jid: pn(BOB), name: null }] });
    sim.setGroupSubject(group, `Turno de tarde ${addressing}`, ALICE);
    const renamed = await run.waitFor('message', (e) => e.message.chatId === group && e.message.kind === 'system' && e.message.system?.action === 'subject');
    expect(renamed.message.system).toEqual({ action: 'subject', by: { jid: pn(ALICE), name: 'Alice' }, who: [], value: `Turno de tarde ${addressing}` });
    expect((await Message.findOne({ sessionId: SESSION, messageId: renamed.message.id }).lean())?.system).toEqual(renamed.message.system);

    // Nobody wrote anything: not unread, and the chat's reply clock did not move.
    const after = await Chat.findOne({ sessionId: SESSION, jid: group }).lean();
    expect([after?.unreadCount, after?.lastInboundAt]).toEqual([0, before?.lastInboundAt]);
    // The list words the latest change itself (in the reader's language), until the next message.
    expect(after?.lastMessageSystem).toEqual(renamed.message.system);
    const { id: next } = await sim.contactSendToGroup(ALICE, group, { text: `de vuelta ${addressing}` });
    await run.waitFor('message', (e) => e.message.id === next);
    expect(await Chat.findOne({ sessionId: SESSION, jid: group }).lean()).toMatchObject({ lastMessageSystem: null, lastMessagePreview: `Alice: de vuelta ${addressing}` });
  });

  it('ticks a message read once everyone it went to has read it, whoever joined since', async () => {
    const group = sim.createGroup({ subject: `Recién llegados ${addressing}`, members: [ALICE, PHONE], addressing }).jid;
    const { id } = await sim.contactSendToGroup(ALICE, group, { text: 'hola' });
    await run.waitFor('message', (e) => e.message.id === id);
    const messageId = await reply(group, `¿mañana a las 9? ${addressing}`);
    await sim.waitForReceived(ALICE, (m) => m.id === messageId);
    await run.waitFor('message-status', (e) => e.messageId === messageId && e.status === 'delivered');
    expect((await Message.findOne({ sessionId: SESSION, messageId }).lean())?.groupRecipients).toBe(1);

    // Bob joins after it was sent: he never got it, and the ticks do not wait for him.
    sim.addToGroup(group, [BOB]);
    await run.waitFor('message', (e) => e.message.chatId === group && e.message.system?.action === 'add');
    await sim.sendReceipt(ALICE, messageId, 'read');
    await run.waitFor('message-status', (e) => e.messageId === messageId && e.status === 'read');
  });
});

describe('group names', () => {
  it('follows a subject change made on WhatsApp', async () => {
    const group = sim.createGroup({ subject: 'Antes', members: [ALICE, PHONE] }).jid;
    const { id } = await sim.contactSendToGroup(ALICE, group, { text: 'primero' });
    await run.waitFor('message', (e) => e.message.id === id);
    await run.waitFor('chat-update', (e) => e.chatId === group && e.name === 'Antes');
    sim.setGroupSubject(group, 'Después', ALICE);
    // Stored, then announced live to open inboxes.
    await run.waitFor('chat-update', (e) => e.chatId === group && e.name === 'Después');
    expect((await Chat.findOne({ sessionId: SESSION, jid: group }).lean())?.name).toBe('Después');
  });

  it('names a group at its next message when its metadata could not be fetched the first time', async () => {
    const group = sim.createGroup({ subject: 'Reintento', members: [ALICE, PHONE] }).jid;
    sim.injectFault({ phone: PHONE, kind: 'iq-error', xmlns: 'w:g2', code: 500 });
    const first = await sim.contactSendToGroup(ALICE, group, { text: 'sin nombre aún' });
    await run.waitFor('message', (e) => e.message.id === first.id);
    const unnamed = await run.waitFor('chat-update', (e) => e.chatId === group);
    expect(unnamed.name).toBeUndefined();
    expect((await Chat.findOne({ sessionId: SESSION, jid: group }).lean())?.name ?? null).toBeNull();

    const second = await sim.contactSendToGroup(ALICE, group, { text: 'ahora sí' });
    await run.waitFor('message', (e) => e.message.id === second.id);
    await run.waitFor('chat-update', (e) => e.chatId === group && e.name === 'Reintento');
    expect((await Chat.findOne({ sessionId: SESSION, jid: group }).lean())?.name).toBe('Reintento');
  });
});
