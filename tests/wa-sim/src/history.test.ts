import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index.ts';
import { connectClient, memoryAuth, nextEvent, waitClose } from './testClient.ts';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ historySync: true });
});

afterAll(async () => {
  await sim.stop();
});

describe('the history bootstrap a phone sends to a new companion', () => {
  it('completes Baileys\' initial history sync on the first login instead of its 20 s timeout', async () => {
    sim.createPhone({ phone: '15554440000', name: 'Hist' });
    const auth = memoryAuth();
    const config = { shouldSyncHistoryMessage: () => true };
    const first = connectClient(sim, auth, { config });
    const { qr } = await nextEvent(first, 'connection.update', (u) => !!u.qr);
    const restart = waitClose(first);
    await sim.scanQr('15554440000', qr ?? '');
    expect(await restart).toBe(515);
    const sock = connectClient(sim, auth, { config });
    // Baileys' own fallback fires after 20 s; the wait here is shorter so only the bootstrap passes.
    const status = await nextEvent(sock, 'messaging-history.status', (e) => e.status === 'complete', 10_000);
    expect(status).toMatchObject({ explicit: true });
    sock.end(undefined);
  });
});
