/**
 * A received message's durable inbox entry outlives its storage until the supervisor confirms
 * that the message's announcement is in the event log (a barrier: envelope.ts). A whole node
 * killed after the actor stored the message but before the node logged the `message` event
 * (cluster-mode failover) used to lose the announcement for good: the message was stored, its
 * inbox entry deleted, and no client ever heard of it. Here the first actor's host never confirms
 * (a supervisor killed before it wrote the events); the next actor must announce the message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import { EXIT_CODES } from '@switchboard/shared';
import { AuthKey, Message, Session, connectDatabase, disconnectDatabase, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';
import { linkActor, runActor, simConfig, type ActorRun } from './harness.ts';

const SESSION = 'inbox-announced';
const PHONE = '15550007401';
const ALICE = '15550007402';

let sim: Simulator;
let uri: string;
let running: ActorRun | undefined;

// Durable inbox entries ride in the key collection (session-actor/src/messages/inbox.ts).
const inboxEntries = (messageId: string) => AuthKey.countDocuments({ sessionId: SESSION, type: 'inbox', id: { $regex: `^${messageId}\\|` } });

beforeAll(async () => {
  uri = testDbUri('actor_inbox_announced');
  await connectDatabase(uri, silentLogger());
  sim = await startSimulator();
  sim.createPhone({ phone: PHONE, name: 'Shop' });
  sim.createContact({ phone: ALICE, name: 'Alice' });
  await Session.create({ sessionId: SESSION, name: 'Inbox' });
});

afterAll(async () => {
  await running?.stop();
  await sim?.stop();
  await disconnectDatabase();
});

describe('inbox entries wait for the announcement to be stored', () => {
  it('keeps the entry while the event log has not confirmed, and the next actor announces the message', async () => {
    const config = simConfig(sim, SESSION, uri, { preloadChats: { type: 'individual', limit: 0 } });
    const first = await runActor(config, {}, 'unanswered');
    running = first;
    await linkActor(sim, first, PHONE);
    const { id } = await sim.contactSend(ALICE, { to: PHONE, text: 'hola, ¿seguís ahí?' });
    await first.waitFor('message', (e) => e.message.id === id);
    // Stopping drains the actor's writes: the entry is still there (before the fix it was deleted
    // right after the store, and the second actor below had nothing to announce).
    await first.stop();
    expect(await Message.countDocuments({ sessionId: SESSION, messageId: id })).toBe(1);
    expect(await inboxEntries(id)).toBe(1);
    running = undefined;

    const second = await runActor(config);
    running = second;
    const again = await second.waitFor('message', (e) => e.message.id === id);
    expect(again.message).toMatchObject({ text: 'hola, ¿seguís ahí?', fromMe: false });
    // Stored once, announced again, and forgotten once this host confirmed the announcement.
    expect(await Message.countDocuments({ sessionId: SESSION, messageId: id })).toBe(1);
    await second.actor.barriers.stored();
    await second.stop();
    running = undefined;
    expect(await inboxEntries(id)).toBe(0);
  });

  it('stops the actor (PERSISTENCE_FAILED) when the supervisor could not store the announcement, so the next actor announces it', async () => {
    const config = simConfig(sim, SESSION, uri, { preloadChats: { type: 'individual', limit: 0 } });
    const dropping = await runActor(config, {}, 'dropped');
    running = dropping;
    await dropping.waitFor('connection-state', (e) => e.status === 'connected');
    const { id } = await sim.contactSend(ALICE, { to: PHONE, text: 'otra vez' });
    await dropping.waitFor('message', (e) => e.message.id === id);
    expect(await dropping.exited).toMatchObject({ code: EXIT_CODES.PERSISTENCE_FAILED });
    running = undefined;
    expect(await inboxEntries(id)).toBe(1);

    const next = await runActor(config);
    running = next;
    await next.waitFor('message', (e) => e.message.id === id);
    expect(await Message.countDocuments({ sessionId: SESSION, messageId: id })).toBe(1);
  });
});
