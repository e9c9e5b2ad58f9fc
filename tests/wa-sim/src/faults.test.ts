import type { WASocket } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index.ts';
import { connectClient, linkByQr, nextEvent, waitClose, waitOpen, type MemoryAuth } from './testClient.ts';

let sim: Simulator;
let auth: MemoryAuth;
let sock: WASocket;
const ACCOUNT = '15550008888';
const CAROL = '15550009999';

async function reopen(opts: { keepAliveIntervalMs?: number } = {}): Promise<WASocket> {
  sock = connectClient(sim, auth, opts);
  await waitOpen(sock);
  return sock;
}

beforeAll(async () => {
  sim = await startSimulator();
  sim.createPhone({ phone: ACCOUNT, name: 'Faulty' });
  sim.createContact({ phone: CAROL, name: 'Carol' });
  ({ sock, auth } = await linkByQr(sim, ACCOUNT));
});

afterAll(async () => {
  sock?.end(undefined);
  await sim.stop();
});

describe('injected faults give the disconnect codes of wa-sim.md §7', () => {
  it.each([515, 440, 500, 503])('stream error %i closes the app with the same code', async (code) => {
    const closed = waitClose(sock);
    sim.injectFault({ phone: ACCOUNT, kind: 'stream-error', code });
    expect(await closed).toBe(code);
    await reopen();
  });

  it.each([
    ['drop', 428],
    ['xmlstreamend', 428],
    ['downgrade', 411],
  ] as const)('%s closes the app with %i', async (kind, code) => {
    const closed = waitClose(sock);
    sim.injectFault({ phone: ACCOUNT, kind });
    expect(await closed).toBe(code);
    await reopen();
  });

  it('a failure armed for the next login closes it with that reason, then login works again', async () => {
    sim.injectFault({ phone: ACCOUNT, kind: 'failure', reason: 403 });
    const closed = waitClose(sock);
    sim.injectFault({ phone: ACCOUNT, kind: 'drop' });
    await closed;
    const failing = connectClient(sim, auth);
    expect(await waitClose(failing)).toBe(403);
    await reopen();
  });

  it('silence (unanswered pings) makes the app drop the connection with 408', async () => {
    sock.end(undefined);
    await reopen({ keepAliveIntervalMs: 1000 });
    const closed = waitClose(sock, 20_000);
    sim.injectFault({ phone: ACCOUNT, kind: 'silence' });
    expect(await closed).toBe(408);
    await reopen();
  });

  it('rate-overlimit acks a send with error 429 and the app marks it failed', async () => {
    sim.injectFault({ phone: ACCOUNT, kind: 'rate-overlimit' });
    let id = '';
    // The error may come as an update or folded into the buffered upsert (wa-sim.md §4.4).
    const failed = new Promise<unknown>((resolve) => {
      sock.ev.on('messages.update', (ups) => {
        for (const u of ups) if (u.key.id === id && u.update.status === 0) resolve(u.update.messageStubParameters);
      });
      sock.ev.on('messages.upsert', (e) => {
        for (const m of e.messages) if (m.key.id === id && m.status === 0) resolve(m.messageStubParameters);
      });
    });
    id = (await sock.sendMessage(`${CAROL}@s.whatsapp.net`, { text: 'too fast' }))?.key.id ?? '';
    expect(await failed).toEqual(['429']);
    expect(sim.received(CAROL).some((m) => m.id === id)).toBe(false);
  });

  it('an IQ error answers the targeted query with that code', async () => {
    sim.injectFault({ phone: ACCOUNT, kind: 'iq-error', xmlns: 'w:profile:picture', code: 500, text: 'internal-server-error' });
    await expect(sock.profilePictureUrl(`${CAROL}@s.whatsapp.net`)).rejects.toMatchObject({ data: 500 });
    await expect(sock.profilePictureUrl(`${CAROL}@s.whatsapp.net`)).resolves.toMatch(/^http/);
  });

  it('an undecryptable message arrives as a ciphertext stub, then the retry delivers it', async () => {
    sim.injectFault({ phone: ACCOUNT, kind: 'undecryptable', contact: CAROL });
    let id = '';
    const stub = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.id === id && m.messageStubType === 2));
    const fixed = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.id === id && m.message?.conversation === 'secret'));
    id = (await sim.contactSend(CAROL, { to: ACCOUNT, text: 'secret' })).id;
    await stub;
    await fixed;
  });

  it('a send the contact cannot read holds its retry receipt until released, then the app re-sends it', async () => {
    sim.injectFault({ phone: ACCOUNT, kind: 'unreadable-send', contact: CAROL, hold: true });
    const sent = await sock.sendMessage(`${CAROL}@s.whatsapp.net`, { text: 'read me later' });
    const id = sent?.key.id ?? '';
    await expect.poll(() => sim.heldRetries(CAROL)).toEqual([id]);
    expect(sim.received(CAROL).some((m) => m.id === id)).toBe(false);
    expect(sim.releaseRetries(CAROL)).toEqual([id]);
    // Baileys answers from its recent-message cache here (after a restart only getMessage can).
    expect(await sim.waitForReceived(CAROL, (m) => m.id === id)).toMatchObject({ text: 'read me later' });
    expect(sim.heldRetries(CAROL)).toEqual([]);
  });

  it('stream error 401 removes the device: the app is logged out and cannot log in again', async () => {
    const closed = waitClose(sock);
    const loggedOut = new Promise((resolve) => sim.once('logged-out', resolve));
    sim.injectFault({ phone: ACCOUNT, kind: 'stream-error', code: 401 });
    expect(await closed).toBe(401);
    await loggedOut;
    const retry = connectClient(sim, auth);
    expect(await waitClose(retry)).toBe(401);
  });

  it('sock.logout() removes the companion on the server', async () => {
    const { sock: other } = await linkByQr(sim, ACCOUNT);
    const loggedOut = new Promise((resolve) => sim.once('logged-out', resolve));
    await other.logout();
    await loggedOut;
    expect(sim.devices(ACCOUNT)).toEqual([]);
  });
});
