import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index.ts';
import { closeCode, connectClient, linkByQr, memoryAuth, nextEvent, waitClose, waitOpen } from './testClient.ts';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator();
});

afterAll(async () => {
  await sim.stop();
});

describe('linking a companion by QR', () => {
  it('pairs, restarts with 515, logs in and reconnects later without a QR', async () => {
    const phone = sim.createPhone({ phone: '15550001111', name: 'Acme' });
    const auth = memoryAuth();
    const first = connectClient(sim, auth);
    const { qr } = await nextEvent(first, 'connection.update', (u) => !!u.qr);
    expect(qr).toMatch(/^https:\/\/wa\.me\/settings\/linked_devices#2@/);
    const linked = new Promise((resolve) => sim.once('linked', resolve));
    const closed = waitClose(first);
    await sim.scanQr(phone.phone, qr ?? '');
    expect(await closed).toBe(515);
    expect(await linked).toMatchObject({ phone: '15550001111', method: 'qr' });
    expect(auth.state.creds.me?.id).toMatch(/^15550001111:\d+@s\.whatsapp\.net$/);
    expect(auth.state.creds.me?.name).toBe('Acme');

    const second = connectClient(sim, auth);
    const connected = new Promise((resolve) => sim.once('connected', resolve));
    await waitOpen(second);
    await connected;
    expect(sim.devices('15550001111')).toEqual([{ deviceId: 1, online: true }]);
    second.end(undefined);

    const third = connectClient(sim, auth);
    let sawQr = false;
    third.ev.on('connection.update', (u) => {
      if (u.qr) sawQr = true;
    });
    await waitOpen(third);
    expect(sawQr).toBe(false);
    third.end(undefined);
  });

  it('pairs a connection once when the phone scans it twice at the same time', async () => {
    const phone = sim.createPhone({ phone: '15550002222', name: 'Twice' });
    const auth = memoryAuth();
    const client = connectClient(sim, auth);
    const { qr } = await nextEvent(client, 'connection.update', (u) => !!u.qr);
    const closed = waitClose(client);
    const scans = await Promise.allSettled([sim.scanQr(phone.phone, qr ?? ''), sim.scanQr(phone.phone, qr ?? '')]);
    expect(scans.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await closed).toBe(515);
    expect(sim.devices('15550002222')).toHaveLength(1);
  });

  it('refuses a login whose noise key was never linked with failure 401', async () => {
    const auth = memoryAuth();
    auth.state.creds.me = { id: '15550001111:9@s.whatsapp.net', name: 'x' };
    const sock = connectClient(sim, auth);
    const update = await nextEvent(sock, 'connection.update', (u) => u.connection === 'close');
    expect(closeCode(update)).toBe(401);
  });

  it('closes with 408 when every QR ref expired unscanned', async () => {
    const sock = connectClient(sim, memoryAuth(), { config: { qrTimeout: 200 } });
    let qrs = 0;
    sock.ev.on('connection.update', (u) => {
      if (u.qr) qrs += 1;
    });
    expect(await waitClose(sock)).toBe(408);
    expect(qrs).toBe(6);
  });

  it('rejects a QR string that matches no waiting connection', async () => {
    sim.createPhone({ phone: '15550001112' });
    const fake = `https://wa.me/settings/linked_devices#2@nope,${Buffer.alloc(32).toString('base64')},${Buffer.alloc(32).toString('base64')},${Buffer.alloc(32).toString('base64')},1`;
    await expect(sim.scanQr('15550001112', fake)).rejects.toMatchObject({ code: 'qr_expired' });
  });

  it('links a second device to the same phone, and a second login of it replaces the first with 440', async () => {
    const { sock, auth } = await linkByQr(sim, '15550001111');
    expect(auth.state.creds.me?.id).toMatch(/^15550001111:2@/);
    const replaced = waitClose(sock);
    const twin = connectClient(sim, auth);
    await waitOpen(twin);
    expect(await replaced).toBe(440);
    twin.end(undefined);
  });
});
