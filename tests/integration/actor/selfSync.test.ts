import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '@switchboard/wa-sim';
import { Chat, Message } from '@switchboard/shared/node';
import { startLinkedActor, stopLinkedActor, type ActorRun } from './harness.ts';

let sim: Simulator;
let run: ActorRun;
const SESSION = 'selfsync';
const PHONE = '15550009101';
const ALICE = '15550009102';
const pn = (digits: string) => `${digits}@s.whatsapp.net`;
const newId = () => `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;

beforeAll(async () => {
  // With chats preloaded (the default configuration), unlike the NO_PRELOAD of the helper.
  ({ sim, run } = await startLinkedActor({ db: 'actor_selfsync', sessionId: SESSION, name: 'Self sync', phone: PHONE, phoneName: 'Tienda', contacts: { [ALICE]: 'Alice' }, config: {} }));
});

afterAll(() => stopLinkedActor(run, sim));

describe("messages written on the account's own phone (self-sync)", () => {
  it("stores a phone-sent message once as outgoing in the contact's chat, not unread", async () => {
    const { id: incoming } = await sim.contactSend(ALICE, { to: PHONE, text: '¿tenéis la talla M?' });
    await run.waitFor('message', (e) => e.message.id === incoming);
    expect(await Chat.findOne({ sessionId: SESSION, jid: pn(ALICE) }).lean()).toMatchObject({ unreadCount: 1 });

    const { id } = await sim.phoneSend(PHONE, { to: ALICE, text: 'sí, te la guardo' });
    const event = await run.waitFor('message', (e) => e.message.id === id);
    expect(event.message).toMatchObject({ chatId: pn(ALICE), fromMe: true, kind: 'text', text: 'sí, te la guardo' });
    const stored = await Message.find({ sessionId: SESSION, messageId: id }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ chatId: pn(ALICE), fromMe: true, sender: null });
    // The chat answers the customer: nothing more to read, reply time recorded.
    const chat = await Chat.findOne({ sessionId: SESSION, jid: pn(ALICE) }).lean();
    expect(chat).toMatchObject({ unreadCount: 1 });
    expect(chat?.lastOutboundAt?.getTime()).toBe(stored[0]!.timestamp.getTime());
    // Never a chat with the account itself.
    expect(await Chat.countDocuments({ sessionId: SESSION, jid: pn(PHONE) })).toBe(0);
    // Alice's delivery receipt reaches the phone's message as for any sent one.
    await run.waitFor('message-status', (e) => e.messageId === id && e.status === 'delivered');
  });

  it('gives the phone a copy of what Switchboard sends, stored once', async () => {
    const messageId = newId();
    await Message.create({ sessionId: SESSION, chatId: pn(ALICE), messageId, fromMe: true, status: 'pending', kind: 'text', text: 'enviado desde Switchboard', timestamp: new Date() });
    await run.handlers.flushOutbox({});
    const copy = await sim.waitForPhoneReceived(PHONE, (m) => m.id === messageId);
    expect(copy).toMatchObject({ from: PHONE, to: ALICE, kind: 'text', text: 'enviado desde Switchboard' });
    await sim.waitForReceived(ALICE, (m) => m.id === messageId);
    await run.waitFor('message-sent', (e) => e.message.id === messageId);
    expect(await Message.countDocuments({ sessionId: SESSION, messageId })).toBe(1);
    // Baileys' echo of our own send is not announced as a new incoming message.
    expect(run.events.some((e) => e.type === 'message' && e.message.id === messageId)).toBe(false);
  });

  it('stores a reaction and a quote written on the phone as it stores those sent through Switchboard', async () => {
    const { id: target } = await sim.contactSend(ALICE, { to: PHONE, text: '¿hacéis envíos a Canarias?' });
    await run.waitFor('message', (e) => e.message.id === target);
    const before = await Chat.findOne({ sessionId: SESSION, jid: pn(ALICE) }).lean();

    // The same reaction and quote sent by Switchboard through its outbox: the stored shape to match.
    const ours = { reaction: newId(), quote: newId() };
    await Message.create({ sessionId: SESSION, chatId: pn(ALICE), messageId: ours.reaction, fromMe: true, status: 'pending', kind: 'reaction', reaction: { emoji: '❤️', targetId: target }, timestamp: new Date() });
    await Message.create({ sessionId: SESSION, chatId: pn(ALICE), messageId: ours.quote, fromMe: true, status: 'pending', kind: 'text', text: 'sí, 48 h', quotedId: target, timestamp: new Date() });
    await run.handlers.flushOutbox({});
    await sim.waitForReceived(ALICE, (m) => m.id === ours.quote);

    const { id: reaction } = await sim.phoneSend(PHONE, { to: ALICE, reaction: { emoji: '❤️', targetId: target } });
    const { id: quote } = await sim.phoneSend(PHONE, { to: ALICE, text: 'sí, 48 h', quotedId: target });
    expect((await run.waitFor('message', (e) => e.message.id === reaction)).message).toMatchObject({ fromMe: true, kind: 'reaction', reaction: { emoji: '❤️', targetId: target } });
    expect((await run.waitFor('message', (e) => e.message.id === quote)).message).toMatchObject({ fromMe: true, kind: 'text', quotedId: target });

    const shape = (messageId: string) =>
      Message.find({ sessionId: SESSION, messageId }, { _id: 0, chatId: 1, fromMe: 1, sender: 1, kind: 1, text: 1, quotedId: 1, reaction: 1 }).lean();
    const [phoneReaction, phoneQuote, ourReaction, ourQuote] = await Promise.all([shape(reaction), shape(quote), shape(ours.reaction), shape(ours.quote)]);
    expect(phoneReaction).toHaveLength(1);
    expect(phoneQuote).toHaveLength(1);
    expect(phoneReaction[0]).toEqual(ourReaction[0]);
    expect(phoneQuote[0]).toEqual(ourQuote[0]);
    expect(phoneReaction[0]).toMatchObject({ chatId: pn(ALICE), fromMe: true, kind: 'reaction', reaction: { emoji: '❤️', targetId: target } });
    // Neither is a new message to read.
    expect((await Chat.findOne({ sessionId: SESSION, jid: pn(ALICE) }).lean())?.unreadCount).toBe(before?.unreadCount);
  });
});
