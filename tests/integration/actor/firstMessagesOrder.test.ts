/**
 * A new contact's first messages keep their order. Baileys stores what WhatsApp says about a
 * sender the first time (its LID) before decrypting; unpatched, it did so outside the queue that
 * orders messages, so the message right behind the first one (a photo after "hola") found the
 * mapping known and was decrypted, stored and announced first. Real actor, real Baileys (with our
 * patch) against the simulator, real database behind a proxy that holds the first message's
 * mapping write for as long as the test needs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '@switchboard/wa-sim';
import { Message } from '@switchboard/shared/node';
import type { DbFaultProxy } from '../../support/dbFaultProxy.ts';
import { startLinkedActor, stopLinkedActor, type ActorRun } from './harness.ts';

const SESSION = 'first-order';
const PHONE = '15550007601';
const BEA = '15550007602';
const BEA_JID = `${BEA}@s.whatsapp.net`;
let sim: Simulator;
let proxy: DbFaultProxy;
let run: ActorRun;

beforeAll(async () => {
  let proxied: DbFaultProxy | undefined;
  ({ sim, run, proxy: proxied } = await startLinkedActor({ db: 'first_order', sessionId: SESSION, name: 'Order', phone: PHONE, contacts: { [BEA]: 'Bea' }, proxied: true }));
  proxy = proxied!;
});

afterAll(() => stopLinkedActor(run, sim, proxy));

describe("a new contact's first messages", () => {
  it('are stored and announced in the order they were sent, however long the first one takes', async () => {
    // Bea writes for the first time: the actor's next key write is her LID mapping, held here.
    const held = proxy.hold('update', 'authkeys');
    const { id: first } = await sim.contactSend(BEA, { to: PHONE, text: 'Hola, ¿tenéis la talla 38?' });
    await held.reached;
    const { id: second } = await sim.contactSend(BEA, { to: PHONE, text: 'Es para el vestido azul' });
    // Her presence, sent after it, is handled at once (outside the message queue): when it is
    // announced, the second message has been read off the socket. One database round trip more
    // lets whatever it needs from memory settle: unpatched, it is decrypted by then.
    sim.contactPresence(BEA, PHONE, 'composing');
    await run.waitFor('presence', (e) => e.participant === BEA_JID);
    await Message.exists({ sessionId: SESSION });
    held.release();

    await run.waitFor('message', (e) => e.message.id === second);
    const announced = run.events.flatMap((e) => (e.type === 'message' && [first, second].includes(e.message.id) ? [e.message.id] : []));
    expect(announced).toEqual([first, second]);
    const stored = await Message.find({ sessionId: SESSION, chatId: BEA_JID }).sort({ timestamp: 1 }).lean();
    expect(stored.map((m) => m.messageId)).toEqual([first, second]);
  });
});
