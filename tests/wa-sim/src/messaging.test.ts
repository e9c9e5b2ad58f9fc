import type { WASocket } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index.ts';
import { connectClient, linkByQr, nextEvent, waitOpen, waitStatus, type MemoryAuth } from './testClient.ts';

let sim: Simulator;
let sock: WASocket;
let auth: MemoryAuth;
const ACCOUNT = '15550003333';
const ALICE = '15550004444';

beforeAll(async () => {
  sim = await startSimulator();
  sim.createPhone({ phone: ACCOUNT, name: 'Acme' });
  sim.createContact({ phone: ALICE, name: 'Alice' });
  ({ sock, auth } = await linkByQr(sim, ACCOUNT));
});

afterAll(async () => {
  sock?.end(undefined);
  await sim.stop();
});

describe('text messages with a simulated contact', () => {
  it('decrypts what the app sends and reports delivery and read back to the app', async () => {
    let id = '';
    const delivered = waitStatus(sock, () => id, 3);
    const sent = await sock.sendMessage(`${ALICE}@s.whatsapp.net`, { text: 'hola alice' });
    id = sent?.key.id ?? '';
    const got = await sim.waitForReceived(ALICE, (m) => m.id === id);
    expect(got).toMatchObject({ kind: 'text', text: 'hola alice', from: ACCOUNT, to: ALICE });
    await delivered;

    const read = waitStatus(sock, () => id, 4);
    await sim.sendReceipt(ALICE, id, 'read');
    await read;
  });

  it('delivers a contact message to the app with pushName, and a second one on the same session', async () => {
    const first = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.message?.conversation === 'hi from alice'));
    const { id } = await sim.contactSend(ALICE, { to: ACCOUNT, text: 'hi from alice' });
    const upsert = await first;
    const msg = upsert.messages.find((m) => m.key.id === id);
    expect(msg?.key.fromMe).toBe(false);
    expect(msg?.pushName).toBe('Alice');

    const second = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.message?.conversation === 'second'));
    await sim.contactSend(ALICE, { to: ACCOUNT, text: 'second' });
    await second;
  });

  it('sees the app read receipt for a contact message', async () => {
    const upsert = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.message?.conversation === 'read me'));
    const { id } = await sim.contactSend(ALICE, { to: ACCOUNT, text: 'read me' });
    const msg = (await upsert).messages.find((m) => m.key.id === id);
    const receipt = new Promise((resolve) => sim.on('receipt', (r) => r.ids.includes(id) && r.type === 'read' && resolve(r)));
    await sock.readMessages([msg!.key]);
    expect(await receipt).toMatchObject({ phone: ACCOUNT, contact: ALICE });
  });

  it('keeps a conversation going in both directions', async () => {
    const sent = await sock.sendMessage(`${ALICE}@s.whatsapp.net`, { text: 'reply 1' });
    await sim.waitForReceived(ALICE, (m) => m.id === sent?.key.id);
    const back = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.message?.conversation === 'reply 2'));
    await sim.contactSend(ALICE, { to: ACCOUNT, text: 'reply 2' });
    await back;
    expect(sim.received(ALICE).map((m) => m.text)).toEqual(['hola alice', 'reply 1']);
  });

  it('relays typing both ways', async () => {
    const seen = new Promise((resolve) => sim.on('presence', (p) => p.to === ALICE && p.type === 'composing' && resolve(p)));
    await sock.sendPresenceUpdate('composing', `${ALICE}@s.whatsapp.net`);
    expect(await seen).toMatchObject({ phone: ACCOUNT });
    const typing = nextEvent(sock, 'presence.update', (e) => Object.values(e.presences).some((p) => p.lastKnownPresence === 'composing'));
    sim.contactPresence(ALICE, ACCOUNT, 'composing');
    expect((await typing).id).toContain(ALICE);
  });

  it('queues messages for an offline companion and delivers them at the next login', async () => {
    const disconnected = new Promise((resolve) => sim.once('disconnected', resolve));
    sock.end(undefined);
    await disconnected;
    await sim.contactSend(ALICE, { to: ACCOUNT, text: 'while you were away' });
    sock = connectClient(sim, auth);
    const upsert = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.message?.conversation === 'while you were away'));
    await waitOpen(sock);
    await upsert;
  });

  it('re-sends with a fresh session when the app lost its Signal session and asks for a retry', async () => {
    const alice = sim.createContact({ phone: ALICE });
    await auth.state.keys.set({ session: { [`${alice.lid}_1.0`]: null } });
    const recovered = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.message?.conversation === 'after reset'));
    await sim.contactSend(ALICE, { to: ACCOUNT, text: 'after reset' });
    await recovered;
  });

  it('asks the app to re-encrypt when the contact lost its session, and then reads the message', async () => {
    sim.createContact({ phone: ALICE }).store.clearSessions();
    const sent = await sock.sendMessage(`${ALICE}@s.whatsapp.net`, { text: 'after contact reset' });
    expect(await sim.waitForReceived(ALICE, (m) => m.id === sent?.key.id)).toMatchObject({ text: 'after contact reset' });
  });

  it('tells a companion that runs low on pre-keys, and it uploads more', async () => {
    const device = sim.phones.get(ACCOUNT)?.devices.get(1);
    for (const id of [...(device?.preKeys.keys() ?? [])].slice(3)) device?.preKeys.delete(id);
    const topped = new Promise<{ count: number }>((resolve) => sim.once('prekeys', resolve));
    sim.createContact({ phone: '15550004445', name: 'Newcomer' });
    await sim.contactSend('15550004445', { to: ACCOUNT, text: 'first contact' });
    expect((await topped).count).toBeGreaterThanOrEqual(5);
  });

  it('sees edits and deletions the app makes', async () => {
    const original = await sock.sendMessage(`${ALICE}@s.whatsapp.net`, { text: 'tpyo' });
    // Copies: Baileys writes the revoke's key into the buffered original message it emitted
    // (process-message.js, REVOKE update), i.e. into the object sendMessage returned.
    const key = { ...original!.key };
    await sock.sendMessage(`${ALICE}@s.whatsapp.net`, { text: 'typo', edit: { ...key } });
    expect(await sim.waitForReceived(ALICE, (m) => m.kind === 'edit')).toMatchObject({ targetId: key.id, text: 'typo' });
    await sock.sendMessage(`${ALICE}@s.whatsapp.net`, { delete: { ...key } });
    expect(await sim.waitForReceived(ALICE, (m) => m.kind === 'revoke')).toMatchObject({ targetId: key.id });
  });

  it('answers onWhatsApp for known and unknown numbers', async () => {
    const [known] = (await sock.onWhatsApp(ALICE)) ?? [];
    expect(known).toMatchObject({ exists: true, jid: `${ALICE}@s.whatsapp.net` });
    const [unknown] = (await sock.onWhatsApp('15559990000')) ?? [];
    expect(unknown?.exists ?? false).toBe(false);
  });
});
