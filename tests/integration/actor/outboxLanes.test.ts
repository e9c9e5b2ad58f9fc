/**
 * Sends to different chats do not wait for each other: an upload that takes long (held by the
 * simulator, as over a slow network) holds only its own chat, whose later messages still go out
 * after it, in order. Real actor, real Baileys against the simulator, real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '@switchboard/wa-sim';
import { Message } from '@switchboard/shared/node';
import { queueDocument, queueSend, startLinkedActor, stopLinkedActor, type ActorRun } from './harness.ts';

const SESSION = 'outbox-lanes';
const PHONE = '15550007701';
const ALICE = '15550007702';
const BOB = '15550007703';
let sim: Simulator;
let run: ActorRun;

const jid = (phone: string) => `${phone}@s.whatsapp.net`;

const sent = (id: string) => run.waitFor('message-sent', (e) => e.message.id === id);

beforeAll(async () => {
  ({ sim, run } = await startLinkedActor({ db: 'outbox_lanes', sessionId: SESSION, name: 'Lanes', phone: PHONE, contacts: { [ALICE]: 'Alice', [BOB]: 'Bob' } }));
});

afterAll(() => stopLinkedActor(run, sim));

describe('outbox lanes', () => {
  it('sends to another chat while an upload is under way, and keeps the slow chat in order', async () => {
    let document = '';
    let toAlice = '';
    const release = sim.media.holdUploads();
    try {
      const held = new Promise<void>((resolve) => sim.once('upload-held', () => resolve()));
      document = await queueDocument(SESSION, jid(ALICE), 'factura.pdf', 4096);
      void run.handlers.flushOutbox({ messageIds: [document] });
      await held;

      // Alice's next message and Bob's are accepted together: one round claims both.
      toAlice = await queueSend(SESSION, jid(ALICE), { kind: 'text', text: 'y otra cosa' });
      const toBob = await queueSend(SESSION, jid(BOB), { kind: 'text', text: 'hola Bob' });
      void run.handlers.flushOutbox({ messageIds: [toAlice, toBob] });
      await sent(toBob);
      await sim.waitForReceived(BOB, (m) => m.id === toBob);

      // Bob's went out; Alice's text waits behind her document, which waits for its upload.
      expect((await Message.findOne({ sessionId: SESSION, messageId: toAlice }).lean())?.attempts).toBe(1);
      expect(sim.received(ALICE).map((m) => m.id)).not.toContain(toAlice);
      expect(run.events.some((e) => e.type === 'message-sent' && (e.message.id === toAlice || e.message.id === document))).toBe(false);
    } finally {
      release();
    }
    await sent(toAlice);
    await sim.waitForReceived(ALICE, (m) => m.id === toAlice);
    const order = sim.received(ALICE).map((m) => m.id);
    expect(order.indexOf(document)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(document)).toBeLessThan(order.indexOf(toAlice));
    for (const id of [document, toAlice]) expect(order.filter((x) => x === id)).toHaveLength(1);
  });
});
