import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assignment, Chat, ChatNote, Message, Session, connectDatabase, disconnectDatabase, messageObjectId, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { Blocklist } from './blocklist.ts';
import { ChatStore } from './chats.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('actor_chats'), silentLogger());
  await Session.create({ sessionId: 's', name: 's' });
});
afterAll(async () => {
  await disconnectDatabase();
});

const PN = '15550001111@s.whatsapp.net';
const LID = '987654321@lid';

const msg = (messageId: string, chatId: string) => ({
  sessionId: 's', chatId, messageId, fromMe: false, kind: 'text' as const, text: 'x', status: 'delivered' as const, timestamp: new Date(),
});

describe('ChatStore', () => {
  it('creates a chat once, counts unread and keeps the newest lastMessageAt', async () => {
    const store = new ChatStore('s');
    const first = await store.upsert({ chatId: '1@s.whatsapp.net', isGroup: false }, { lastMessageAt: new Date(2000), unread: true, name: 'Ana' });
    const second = await store.upsert({ chatId: '1@s.whatsapp.net', isGroup: false }, { lastMessageAt: new Date(1000), unread: true });
    expect(first).toMatchObject({ created: true, unreadCount: 1 });
    expect(second).toMatchObject({ created: false, unreadCount: 2 });
    const chat = await Chat.findOne({ sessionId: 's', jid: '1@s.whatsapp.net' }).lean();
    expect(chat?.lastMessageAt?.getTime()).toBe(2000);
    expect(chat?.name).toBe('Ana');
    expect((await Session.findOne({ sessionId: 's' }).lean())?.metrics.chatCount).toBe(1);
  });

  it('renames a LID-only chat to the phone number when the mapping shows up, with its messages and assignments', async () => {
    const store = new ChatStore('s');
    await store.upsert({ chatId: LID, lid: LID, isGroup: false }, { unread: true });
    await Message.create(msg('L1', LID));
    await Assignment.create({ sessionId: 's', chatId: LID, userId: '65a0000000000000000000aa' });

    await store.upsert({ chatId: PN, pnJid: PN, lid: LID, isGroup: false }, { unread: true });
    expect(await Chat.countDocuments({ sessionId: 's', jid: LID })).toBe(0);
    const chat = await Chat.findOne({ sessionId: 's', jid: PN }).lean();
    expect(chat).toMatchObject({ lid: LID, pnJid: PN, unreadCount: 2 });
    expect((await Message.findOne({ messageId: 'L1' }).lean())?.chatId).toBe(PN);
    expect(await Assignment.countDocuments({ sessionId: 's', chatId: PN })).toBe(1);
  });

  it('merges a LID chat into an existing PN chat when WhatsApp reports the mapping (messages, labels, notes, a block)', async () => {
    const blocklist = new Blocklist('s');
    const store = new ChatStore('s', (from, to) => blocklist.renamed(from, to));
    const pn = '15550002222@s.whatsapp.net';
    const lid = '111222333@lid';
    await store.upsert({ chatId: pn, pnJid: pn, isGroup: false }, { unread: true });
    await store.upsert({ chatId: lid, lid, isGroup: false }, { unread: true, lastMessageAt: new Date(5000) });
    await Message.create(msg('L2', lid));
    const [urgent, vip] = [messageObjectId('s', 'label-urgent'), messageObjectId('s', 'label-vip')]; // any ids
    await Chat.updateOne({ sessionId: 's', jid: pn }, { $set: { labels: [vip] } });
    await Chat.updateOne({ sessionId: 's', jid: lid }, { $set: { labels: [urgent, vip] } });
    await ChatNote.create({ sessionId: 's', chatId: lid, authorId: messageObjectId('s', 'author'), authorName: 'Ana', text: 'Pidió factura' });
    await Chat.updateOne({ sessionId: 's', jid: lid }, { $set: { blocked: true } });
    await blocklist.load();
    expect([blocklist.has(lid), blocklist.has(pn)]).toEqual([true, false]);
    const before = (await Session.findOne({ sessionId: 's' }).lean())?.metrics.chatCount ?? 0;

    await store.learnMapping(lid, pn);
    expect(await Chat.countDocuments({ sessionId: 's', jid: { $in: [pn, lid] } })).toBe(1);
    expect(await Chat.findOne({ sessionId: 's', jid: pn }).lean()).toMatchObject({ lid, unreadCount: 2 });
    expect((await Message.findOne({ messageId: 'L2' }).lean())?.chatId).toBe(pn);
    expect((await Session.findOne({ sessionId: 's' }).lean())?.metrics.chatCount).toBe(before - 1);
    // The team's labels and notes stay with the contact.
    const labels = (await Chat.findOne({ sessionId: 's', jid: pn }).lean())?.labels?.map(String).sort();
    expect(labels).toEqual([urgent, vip].map(String).sort());
    expect(await ChatNote.countDocuments({ sessionId: 's', chatId: pn })).toBe(1);
    // Blocked under its LID, the contact stays blocked: stored, and for the outbox.
    expect((await Chat.findOne({ sessionId: 's', jid: pn }).lean())?.blocked).toBe(true);
    expect([blocklist.has(lid), blocklist.has(pn)]).toEqual([false, true]);
  });

  it('keeps one chat per contact when LID-only and mapped messages alternate through one store', async () => {
    const store = new ChatStore('s');
    const pn = '15550003333@s.whatsapp.net';
    const lid = '444555666@lid';
    await store.upsert({ chatId: pn, pnJid: pn, lid, isGroup: false }, { unread: true });
    // WhatsApp addresses the contact by LID alone again: a LID chat appears...
    await store.upsert({ chatId: lid, lid, isGroup: false }, { unread: true });
    expect(await Chat.countDocuments({ sessionId: 's', jid: lid })).toBe(1);
    // ...and is folded back into the PN chat by the next message that carries both.
    const back = await store.upsert({ chatId: pn, pnJid: pn, lid, isGroup: false }, { unread: true });
    expect(back).toMatchObject({ created: false, unreadCount: 3 });
    expect(await Chat.countDocuments({ sessionId: 's', jid: { $in: [pn, lid] } })).toBe(1);
    // The LID chat this store had written is gone: a new LID-only message creates it again.
    expect(await store.upsert({ chatId: lid, lid, isGroup: false }, { unread: true })).toMatchObject({ created: true, unreadCount: 1 });
  });

  it('keeps the needs-reply times and flag in the chat write: customer waits, agent answers, customer writes again', async () => {
    const store = new ChatStore('s');
    const jid = '15550004444@s.whatsapp.net';
    const who = { chatId: jid, isGroup: false };
    const stored = () => Chat.findOne({ sessionId: 's', jid }).lean();
    const first = await store.upsert(who, { lastMessageAt: new Date(1000), inboundAt: new Date(1000), unread: true });
    expect(first).toMatchObject({ lastInboundAt: 1000, lastOutboundAt: null });
    expect(await stored()).toMatchObject({ needsReply: true, waitingSince: new Date(1000) });
    // The wait began with the first unanswered message.
    await store.upsert(who, { lastMessageAt: new Date(1200), inboundAt: new Date(1200), unread: true });
    expect(await stored()).toMatchObject({ needsReply: true, waitingSince: new Date(1000) });
    await store.upsert(who, { lastMessageAt: new Date(2000), outboundAt: new Date(2000) });
    expect(await stored()).toMatchObject({ needsReply: false, lastInboundAt: new Date(1200), lastOutboundAt: new Date(2000) });
    expect((await stored())?.waitingSince).toBeUndefined();
    // A late incoming message older than the reply moves nothing back, and starts no wait.
    await store.upsert(who, { lastMessageAt: new Date(1500), inboundAt: new Date(1500), unread: true });
    expect(await stored()).toMatchObject({ needsReply: false, lastInboundAt: new Date(1500) });
    expect((await stored())?.waitingSince).toBeUndefined();
    const again = await store.upsert(who, { lastMessageAt: new Date(3000), inboundAt: new Date(3000), unread: true });
    expect(again).toMatchObject({ lastInboundAt: 3000, lastOutboundAt: 2000 });
    expect(await stored()).toMatchObject({ needsReply: true, waitingSince: new Date(3000) });
  });

  it('corrects the flag when a fresh actor guesses wrong about a chat it has not seen', async () => {
    const jid = '15550005555@s.whatsapp.net';
    await Chat.create({ sessionId: 's', jid, lastInboundAt: new Date(9000), lastOutboundAt: new Date(1000), needsReply: true });
    // An older outgoing message (sent from the phone) arrives: the guess "answered" is wrong.
    await new ChatStore('s').upsert({ chatId: jid, isGroup: false }, { outboundAt: new Date(5000) });
    expect(await Chat.findOne({ sessionId: 's', jid }).lean()).toMatchObject({ needsReply: true, lastOutboundAt: new Date(5000) });
  });

  it('carries the needs-reply times over when a LID chat is merged into the phone-number chat', async () => {
    const store = new ChatStore('s');
    const pn = '15550006666@s.whatsapp.net';
    const lid = '777888999@lid';
    await store.upsert({ chatId: pn, pnJid: pn, isGroup: false }, { outboundAt: new Date(2000) });
    await store.upsert({ chatId: lid, lid, isGroup: false }, { inboundAt: new Date(4000), unread: true });
    await store.learnMapping(lid, pn);
    expect(await Chat.findOne({ sessionId: 's', jid: pn }).lean()).toMatchObject({ needsReply: true, lastInboundAt: new Date(4000), lastOutboundAt: new Date(2000), waitingSince: new Date(4000) });
    await store.upsert({ chatId: pn, pnJid: pn, lid, isGroup: false }, { outboundAt: new Date(5000) });
    const answered = await Chat.findOne({ sessionId: 's', jid: pn }).lean();
    expect(answered).toMatchObject({ needsReply: false });
    expect(answered?.waitingSince).toBeUndefined();
  });
});
