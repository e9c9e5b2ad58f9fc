/**
 * Issue 14: a passing fault on WhatsApp's side must not fail a send for good. The server
 * answering the device-list query with an error, or the connection closing under a send, is
 * not the message's fault: the send stays queued and goes out once the fault has passed, as
 * WhatsApp's own clients keep an unsent message (clock icon) and send it when they can.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '@switchboard/wa-sim';
import { Message, messageObjectId } from '@switchboard/shared/node';
import { queueSend, startLinkedActor, stopLinkedActor, type ActorRun } from './harness.ts';

const SESSION = 'send-server-faults';
const PHONE = '15550007501';
const BOB = '15550007502';
const CAROL = '15550007503';

let sim: Simulator;
let run: ActorRun;

beforeAll(async () => {
  ({ sim, run } = await startLinkedActor({ db: 'actor_send_server_faults', sessionId: SESSION, name: 'Faults', phone: PHONE, contacts: { [BOB]: 'Bob', [CAROL]: 'Carol' } }));
});

afterAll(() => stopLinkedActor(run, sim));

const queueText = (text: string, to = BOB): Promise<string> => queueSend(SESSION, `${to}@s.whatsapp.net`, { kind: 'text', text });

describe('sends under passing server faults', () => {
  it('keeps a send queued while the device-list query fails, more times than a send error may, and sends it once after', async () => {
    sim.injectFault({ phone: PHONE, kind: 'iq-error', xmlns: 'usync', code: 500, times: 5 });
    const id = await queueText('hola Bob');
    await run.handlers.flushOutbox({});
    const received = await sim.waitForReceived(BOB, (m) => m.id === id, 30_000);
    expect(received.text).toBe('hola Bob');
    expect((await Message.findById(messageObjectId(SESSION, id)).lean())?.status).not.toBe('failed');
    expect(sim.duplicates(BOB)).toEqual([]);
  }, 60_000);

  it('still fails a send the server keeps refusing as a bad request (a 4xx is the message, not a passing fault)', async () => {
    // Carol's devices are not cached yet: the send has to ask the server for them.
    sim.injectFault({ phone: PHONE, kind: 'iq-error', xmlns: 'usync', code: 400, text: 'bad-request', times: 3 });
    const id = await queueText('mal', CAROL);
    const failed = run.waitFor('message-status', (e) => e.messageId === id && e.status === 'failed', 30_000);
    await run.handlers.flushOutbox({});
    expect(await failed).toMatchObject({ reason: 'bad-request' });
    expect(sim.received(CAROL).some((m) => m.id === id)).toBe(false);
  }, 60_000);
});
