/**
 * Issue 13: incoming messages that queue up while the actor stores earlier ones are stored
 * together (one insert request, one write per chat) and still announced one by one, in order.
 * Real actor, real Baileys against the simulator, real database behind a proxy that counts
 * requests and holds one back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '@switchboard/wa-sim';
import { Chat, Message } from '@switchboard/shared/node';
import type { DbFaultProxy } from '../../support/dbFaultProxy.ts';
import { startLinkedActor, stopLinkedActor, type ActorRun } from './harness.ts';

const SESSION = 'ingest-batches';
const PHONE = '15550007501';
const ALICE = '15550007502';
const CHAT = `${ALICE}@s.whatsapp.net`;
let sim: Simulator;
let proxy: DbFaultProxy;
let run: ActorRun;

beforeAll(async () => {
  let proxied: DbFaultProxy | undefined;
  ({ sim, run, proxy: proxied } = await startLinkedActor({ db: 'ingest_batches', sessionId: SESSION, name: 'Ingest', phone: PHONE, contacts: { [ALICE]: 'Alice' }, proxied: true }));
  proxy = proxied!;
});

afterAll(() => stopLinkedActor(run, sim, proxy));

describe('incoming messages in batches (issue 13)', () => {
  it('stores a burst that queued behind a write with one insert and one chat write, announcing each in order', async () => {
    const { id: opening } = await sim.contactSend(ALICE, { to: PHONE, text: 'hola' });
    await run.waitFor('message', (e) => e.message.id === opening);

    const inserts = proxy.watch('insert', 'messages');
    const chatWrites = proxy.watch('findAndModify', 'chats');
    const keyCommits = proxy.watch('update', 'authkeys');
    // The next message's insert waits in the proxy; the burst behind it is decrypted meanwhile.
    const held = proxy.hold('insert', 'messages');
    const { id: first } = await sim.contactSend(ALICE, { to: PHONE, text: 'primero' });
    await held.reached;
    const burst: string[] = [];
    for (let i = 0; i < 9; i++) burst.push((await sim.contactSend(ALICE, { to: PHONE, text: `ráfaga ${i}` })).id);
    // Each decrypted message commits its keys (with its inbox entry) before it is handed over.
    await keyCommits.until(9);
    held.release();
    const last = await run.waitFor('message', (e) => e.message.id === burst[8]);

    const ids = [first, ...burst];
    const announced = run.events.flatMap((e) => (e.type === 'message' && ids.includes(e.message.id) ? [e.message.id] : []));
    expect(announced).toEqual(ids);
    expect(last.message).toMatchObject({ text: 'ráfaga 8', fromMe: false });
    expect(await Message.countDocuments({ sessionId: SESSION, messageId: { $in: ids } })).toBe(10);
    // One request for the held message, then (nearly) all of the burst in one: not one each.
    expect(inserts.count).toBeGreaterThanOrEqual(2);
    expect(inserts.count).toBeLessThanOrEqual(3);
    expect(chatWrites.count).toBeLessThanOrEqual(3);
    // Every message counted once as unread, and the chat's last word is the burst's last message.
    const update = run.events.filter((e) => e.type === 'chat-update' && e.chatId === CHAT).at(-1);
    expect(update).toMatchObject({ unreadCount: 11 });
    expect(await Chat.findOne({ sessionId: SESSION, jid: CHAT }).lean()).toMatchObject({ unreadCount: 11, lastMessagePreview: 'ráfaga 8' });
  });

  it('stores and announces every message once when a run’s insert dies with its connection', async () => {
    // The run's insert (and the driver's own retry) are cut before they reach the database.
    const cut = proxy.failCommand('insert', 'messages', 2);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await sim.contactSend(ALICE, { to: PHONE, text: `tras el corte ${i}` })).id);
    await cut;
    for (const id of ids) await run.waitFor('message', (e) => e.message.id === id);
    // Announced once each, in order, and stored once each.
    const announced = run.events.flatMap((e) => (e.type === 'message' && ids.includes(e.message.id) ? [e.message.id] : []));
    expect(announced).toEqual(ids);
    expect(await Message.countDocuments({ sessionId: SESSION, messageId: { $in: ids } })).toBe(4);
  });
});
