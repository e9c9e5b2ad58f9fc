import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '@switchboard/wa-sim';
import { Chat, Message } from '@switchboard/shared/node';
import { startLinkedActor, stopLinkedActor, type ActorRun } from './harness.ts';

let sim: Simulator;
let run: ActorRun;
const SESSION = 'selfsync-group';
const PHONE = '15550009301';
const ALICE = '15550009302';
const BOB = '15550009303';
const pn = (digits: string) => `${digits}@s.whatsapp.net`;

beforeAll(async () => {
  // With chats preloaded (the default configuration), unlike the NO_PRELOAD of the helper.
  ({ sim, run } = await startLinkedActor({ db: 'actor_selfsync_group', sessionId: SESSION, name: 'Self sync in groups', phone: PHONE, phoneName: 'Tienda', contacts: { [ALICE]: 'Alice', [BOB]: 'Bob' }, config: {} }));
});

afterAll(() => stopLinkedActor(run, sim));

describe.each(['pn', 'lid'] as const)("messages written on the account's phone in a group (%s addressing)", (addressing) => {
  let group = '';

  beforeAll(() => {
    group = sim.createGroup({ subject: `Turnos ${addressing}`, members: [ALICE, PHONE, BOB], addressing }).jid;
  });

  it('stores a phone-written group message once as outgoing, and members read it as from the account', async () => {
    const { id: incoming } = await sim.contactSendToGroup(ALICE, group, { text: `¿quién abre mañana? ${addressing}` });
    await run.waitFor('message', (e) => e.message.id === incoming);
    const before = await Chat.findOne({ sessionId: SESSION, jid: group }).lean();

    const { id } = await sim.phoneSendToGroup(PHONE, group, { text: `abro yo ${addressing}` });
    const event = await run.waitFor('message', (e) => e.message.id === id);
    expect(event.message).toMatchObject({ chatId: group, fromMe: true, kind: 'text', text: `abro yo ${addressing}` });
    const stored = await Message.find({ sessionId: SESSION, messageId: id }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ chatId: group, fromMe: true, sender: null });
    expect((await Chat.findOne({ sessionId: SESSION, jid: group }).lean())?.unreadCount).toBe(before?.unreadCount);
    // Its author is the account: no chat with the account itself.
    expect(await Chat.countDocuments({ sessionId: SESSION, jid: pn(PHONE) })).toBe(0);
    for (const member of [ALICE, BOB]) {
      expect(await sim.waitForReceived(member, (m) => m.id === id)).toMatchObject({ group, from: PHONE, text: `abro yo ${addressing}` });
    }
    // The members' delivery receipts reach the phone's message as for any sent one.
    await run.waitFor('message-status', (e) => e.messageId === id && e.status === 'delivered');
  });

  it("stores the phone's reaction to a member's message, attached to it", async () => {
    const { id: target } = await sim.contactSendToGroup(BOB, group, { text: `cierro yo ${addressing}` });
    await run.waitFor('message', (e) => e.message.id === target);
    const { id } = await sim.phoneSendToGroup(PHONE, group, { reaction: { emoji: '🙏', targetId: target } });
    expect((await run.waitFor('message', (e) => e.message.id === id)).message).toMatchObject({ chatId: group, fromMe: true, kind: 'reaction', reaction: { emoji: '🙏', targetId: target } });
    expect(await Message.countDocuments({ sessionId: SESSION, messageId: id })).toBe(1);
    expect(await sim.waitForReceived(ALICE, (m) => m.id === id)).toMatchObject({ kind: 'reaction', reaction: { targetId: target } });
  });
});
