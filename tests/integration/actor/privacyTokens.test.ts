/**
 * Baileys issues our privacy (trusted-contact) token to a contact after a 1:1 send and stores
 * when it did, so that it issues it again only in a new 7-day bucket. rc14 started that work
 * inside the send's key transaction, after which its key writes went nowhere: a token was issued
 * with every message (an extra IQ to WhatsApp per send; patches/@whiskeysockets__baileys*.patch).
 * Real actor, real Baileys against the simulator, real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '@switchboard/wa-sim';
import { NO_PRELOAD, queueSend, runActor, simConfig, startLinkedActor, stopLinkedActor, type ActorRun } from './harness.ts';

const SESSION = 'privacy-tokens';
const PHONE = '15550007501';
const ALICE = '15550007502';
let sim: Simulator;
let run: ActorRun;
let uri: string;
const issued: { phone: string; jids: string[] }[] = [];

/** Sends a text to Alice through the outbox and waits until WhatsApp acked it. */
async function send(text: string): Promise<void> {
  const id = await queueSend(SESSION, `${ALICE}@s.whatsapp.net`, { kind: 'text', text });
  await run.handlers.flushOutbox({ messageIds: [id] });
  await run.waitFor('message-sent', (e) => e.message.id === id);
}

beforeAll(async () => {
  ({ sim, run, uri } = await startLinkedActor({ db: 'privacy_tokens', sessionId: SESSION, name: 'Privacy tokens', phone: PHONE, contacts: { [ALICE]: 'Alice' } }));
  // Issued only after a 1:1 send: none is missed by listening once linked.
  sim.on('privacy-tokens', (e) => issued.push(e));
});

afterAll(() => stopLinkedActor(run, sim));

describe('privacy tokens', () => {
  it('are issued to a contact once, not with every message, and the issue is remembered across restarts', async () => {
    const first = new Promise<void>((resolve) => sim.once('privacy-tokens', () => resolve()));
    await send('uno');
    await first;
    await send('dos');
    await send('tres');
    // A send's token goes out after its message, unawaited: those of the sends before the last
    // one reached the simulator before the last message did.
    await send('cuatro');
    const toAlice = () => issued.filter((e) => e.phone === PHONE && e.jids.some((j) => j.startsWith(ALICE) || j.endsWith('@lid')));
    expect(toAlice()).toHaveLength(1);

    // The next actor reads when it was issued from the database.
    await run.stop();
    run = await runActor(simConfig(sim, SESSION, uri, NO_PRELOAD));
    await run.waitFor('connection-state', (e) => e.status === 'connected');
    await send('cinco');
    await send('seis');
    expect(toAlice()).toHaveLength(1);
  });
});
