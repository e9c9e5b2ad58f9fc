import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index.ts';
import { connectClient, memoryAuth, nextEvent, waitClose, waitOpen } from './testClient.ts';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator();
});

afterAll(async () => {
  await sim.stop();
});

describe('linking by pairing code', () => {
  it('links when the phone enters the code the app shows, then logs in after 515', async () => {
    sim.createPhone({ phone: '15550007777', name: 'Codes' });
    const auth = memoryAuth();
    const sock = connectClient(sim, auth);
    await nextEvent(sock, 'connection.update', (u) => !!u.qr);
    const code = await sock.requestPairingCode('15550007777');
    expect(code).toMatch(/^[1-9A-HJ-NP-TV-Z]{8}$/);
    const closed = waitClose(sock);
    await expect(sim.enterPairingCode('15550007777', code)).resolves.toMatchObject({ deviceId: 1 });
    expect(await closed).toBe(515);
    expect(auth.state.creds.registered).toBe(true);
    expect(auth.state.creds.me?.id).toBe('15550007777:1@s.whatsapp.net');
    const again = connectClient(sim, auth);
    await waitOpen(again);
    again.end(undefined);
  });

  it('rejects a wrong code and does not link', async () => {
    sim.createPhone({ phone: '15550007778' });
    const auth = memoryAuth();
    const sock = connectClient(sim, auth);
    await nextEvent(sock, 'connection.update', (u) => !!u.qr);
    await sock.requestPairingCode('15550007778', 'ABCDEFGH');
    await expect(sim.enterPairingCode('15550007778', 'ZZZZZZZZ')).rejects.toMatchObject({ code: 'wrong_code' });
    expect(sim.devices('15550007778')).toEqual([]);
    sock.end(undefined);
  });

  it('refuses a code when no app asked for one', async () => {
    sim.createPhone({ phone: '15550007779' });
    await expect(sim.enterPairingCode('15550007779', 'ABCDEFGH', { waitMs: 50 })).rejects.toMatchObject({ code: 'no_pending_code' });
  });
});
