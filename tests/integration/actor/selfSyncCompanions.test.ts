import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import { Chat, Message, Session, connectDatabase, disconnectDatabase, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';
import { linkActor, queueSend, runActor, simConfig, type ActorRun } from './harness.ts';

let sim: Simulator;
let first: ActorRun;
let second: ActorRun;
const FIRST = 'companion-a';
const SECOND = 'companion-b';
const PHONE = '15550009201';
const ALICE = '15550009202';
const pn = (digits: string) => `${digits}@s.whatsapp.net`;

beforeAll(async () => {
  const uri = testDbUri('actor_selfsync_companions');
  await connectDatabase(uri, silentLogger());
  sim = await startSimulator();
  sim.createPhone({ phone: PHONE, name: 'Tienda' });
  sim.createContact({ phone: ALICE, name: 'Alice' });
  await Session.create({ sessionId: FIRST, name: 'Mostrador' });
  await Session.create({ sessionId: SECOND, name: 'Almacén' });
  // Two Switchboard sessions linked to the same WhatsApp account, as two companions of one phone.
  first = await runActor(simConfig(sim, FIRST, uri));
  await linkActor(sim, first, PHONE);
  second = await runActor(simConfig(sim, SECOND, uri));
  await linkActor(sim, second, PHONE);
});

afterAll(async () => {
  await first?.stop();
  await second?.stop();
  await sim?.stop();
  await disconnectDatabase();
});

/** Queues an outgoing text in `sessionId`'s outbox, as the API does, and has `run` send it. */
async function sendThroughOutbox(run: ActorRun, sessionId: string, text: string, chatId = pn(ALICE)): Promise<string> {
  const messageId = await queueSend(sessionId, chatId, { kind: 'text', text });
  await run.handlers.flushOutbox({});
  return messageId;
}

describe('two sessions linked to the same account (self-sync between companions)', () => {
  it("stores what one sends once in the other, as outgoing in the contact's chat", async () => {
    const messageId = await sendThroughOutbox(first, FIRST, 'enviado desde el mostrador');
    const event = await second.waitFor('message', (e) => e.message.id === messageId);
    expect(event.message).toMatchObject({ chatId: pn(ALICE), fromMe: true, kind: 'text', text: 'enviado desde el mostrador' });
    await first.waitFor('message-sent', (e) => e.message.id === messageId);

    const copies = await Message.find({ sessionId: SECOND, messageId }).lean();
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ chatId: pn(ALICE), fromMe: true, sender: null });
    // Alice's delivery receipt reaches every companion of the account: the copy is delivered too.
    await second.waitFor('message-status', (e) => e.messageId === messageId && e.status === 'delivered');
    expect(await Message.countDocuments({ sessionId: FIRST, messageId })).toBe(1);
    // Nothing to read in the other session, and never a chat with the account itself.
    expect(await Chat.findOne({ sessionId: SECOND, jid: pn(ALICE) }).lean()).toMatchObject({ unreadCount: 0 });
    expect(await Chat.countDocuments({ sessionId: SECOND, jid: pn(PHONE) })).toBe(0);
    // The contact shows it once; the phone got its own copy.
    await sim.waitForReceived(ALICE, (m) => m.id === messageId);
    expect(sim.received(ALICE).filter((m) => m.id === messageId)).toHaveLength(1);
    expect(sim.duplicates(ALICE)).not.toContain(messageId);
    await sim.waitForPhoneReceived(PHONE, (m) => m.id === messageId);
  });

  it('works the other way round too', async () => {
    const messageId = await sendThroughOutbox(second, SECOND, 'y desde el almacén');
    expect((await first.waitFor('message', (e) => e.message.id === messageId)).message).toMatchObject({ chatId: pn(ALICE), fromMe: true, text: 'y desde el almacén' });
    await second.waitFor('message-sent', (e) => e.message.id === messageId);
    expect(await Message.countDocuments({ sessionId: FIRST, messageId })).toBe(1);
    expect(await Message.countDocuments({ sessionId: SECOND, messageId })).toBe(1);
    // The sender does not announce its own send as a new message.
    expect(second.events.some((e) => e.type === 'message' && e.message.id === messageId)).toBe(false);
  });

  it('stores what one writes in a group once in the other, as outgoing in the group chat', async () => {
    const group = sim.createGroup({ subject: 'Pedidos', members: [ALICE, PHONE] }).jid;
    const { id: incoming } = await sim.contactSendToGroup(ALICE, group, { text: '¿me guardáis dos?' });
    await second.waitFor('message', (e) => e.message.id === incoming);
    await first.waitFor('message', (e) => e.message.id === incoming);
    const messageId = await sendThroughOutbox(first, FIRST, 'guardadas', group);
    expect((await second.waitFor('message', (e) => e.message.id === messageId)).message).toMatchObject({ chatId: group, fromMe: true, text: 'guardadas' });
    const copies = await Message.find({ sessionId: SECOND, messageId }).lean();
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ chatId: group, fromMe: true, sender: null });
    expect((await Chat.findOne({ sessionId: SECOND, jid: group }).lean())?.unreadCount).toBe(1);
    await sim.waitForReceived(ALICE, (m) => m.id === messageId);
    expect(sim.received(ALICE).filter((m) => m.id === messageId)).toHaveLength(1);
  });
});
