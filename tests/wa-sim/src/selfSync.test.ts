import { randomBytes } from 'node:crypto';
import { downloadMediaMessage, type WAMessage, type WASocket } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index.ts';
import { connectClient, linkByQr, nextEvent, waitOpen, waitStatus, type MemoryAuth } from './testClient.ts';

let sim: Simulator;
let sock: WASocket;
let auth: MemoryAuth;
let deviceId = 0;
const ACCOUNT = '15550007711';
const ALICE = '15550007722';
const BOB = '15550007733';
const pn = (digits: string) => `${digits}@s.whatsapp.net`;

beforeAll(async () => {
  sim = await startSimulator();
  sim.createPhone({ phone: ACCOUNT, name: 'Acme' });
  sim.createContact({ phone: ALICE, name: 'Alice' });
  sim.createContact({ phone: BOB, name: 'Bob' });
  ({ sock, auth } = await linkByQr(sim, ACCOUNT));
  deviceId = sim.devices(ACCOUNT)[0]!.deviceId;
});

afterAll(async () => {
  sock?.end(undefined);
  await sim.stop();
});

/**
 * The next `fromMe` upsert whose text (or caption) is `text`: a self-sync copy from the phone.
 * Matched on content, as the copy may reach the app before the sending call returns its id.
 */
function fromPhone(text: string): Promise<WAMessage> {
  const match = (m: WAMessage) => !!m.key.fromMe && (m.message?.conversation ?? m.message?.extendedTextMessage?.text ?? m.message?.imageMessage?.caption) === text;
  return nextEvent(sock, 'messages.upsert', (e) => e.messages.some(match)).then((e) => e.messages.find(match)!);
}

describe("the account's own phone (self-sync)", () => {
  it('lists the phone as a device of its own account, and reads the copy of what the app sends', async () => {
    const sent = await sock.sendMessage(pn(ALICE), { text: 'hola desde la app' });
    const id = sent?.key.id ?? '';
    const copy = await sim.waitForPhoneReceived(ACCOUNT, (m) => m.id === id);
    expect(copy).toMatchObject({ from: ACCOUNT, to: ALICE, kind: 'text', text: 'hola desde la app', fromDevice: deviceId });
    expect(await sim.waitForReceived(ALICE, (m) => m.id === id)).toMatchObject({ text: 'hola desde la app' });
    // One more on the same sessions (a `msg` now), to another contact.
    const second = await sock.sendMessage(pn(BOB), { text: 'y a bob' });
    expect(await sim.waitForPhoneReceived(ACCOUNT, (m) => m.id === second?.key.id)).toMatchObject({ to: BOB, text: 'y a bob' });
    expect(sim.phoneReceived(ACCOUNT).filter((m) => m.id === id)).toHaveLength(1);
  });

  it('syncs a message written on the phone to the app as fromMe in the contact chat', async () => {
    let id = '';
    const upsert = fromPhone('escrito en el móvil');
    const delivered = waitStatus(sock, () => id, 3);
    const receipts: string[] = [];
    sim.on('receipt', (r) => receipts.push(r.type));
    ({ id } = await sim.phoneSend(ACCOUNT, { to: ALICE, text: 'escrito en el móvil' }));
    const msg = await upsert;
    expect(msg.key).toMatchObject({ remoteJid: pn(ALICE), fromMe: true, id });
    expect(msg.message?.conversation).toBe('escrito en el móvil');
    expect(await sim.waitForReceived(ALICE, (m) => m.id === id)).toMatchObject({ from: ACCOUNT, to: ALICE, text: 'escrito en el móvil' });
    // The contact's delivery receipt reaches the app for the phone's message too.
    await delivered;
    // The app's `sender` receipt for the copy is not a receipt for a contact's message.
    expect(receipts).not.toContain('sender');
  });

  it('keeps both directions working on the same sessions, several times', async () => {
    for (let i = 0; i < 3; i++) {
      const upsert = fromPhone(`móvil ${i}`);
      const { id } = await sim.phoneSend(ACCOUNT, { to: BOB, text: `móvil ${i}` });
      expect((await upsert).key).toMatchObject({ id, remoteJid: pn(BOB) });
      const sent = await sock.sendMessage(pn(BOB), { text: `app ${i}` });
      expect(await sim.waitForPhoneReceived(ACCOUNT, (m) => m.id === sent?.key.id)).toMatchObject({ text: `app ${i}` });
    }
  });

  it("reacts on the phone to the contact's message: the contact and the app get the same reaction", async () => {
    const { id: target } = await sim.contactSend(ALICE, { to: ACCOUNT, text: '¿abrís el sábado?' });
    const upsert = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.fromMe && m.message?.reactionMessage?.key?.id === target));
    const { id } = await sim.phoneSend(ACCOUNT, { to: ALICE, reaction: { emoji: '👍', targetId: target } });
    const copy = (await upsert).messages.find((m) => m.message?.reactionMessage)!;
    expect(copy.key).toMatchObject({ remoteJid: pn(ALICE), fromMe: true, id });
    // Who wrote the target, as the phone sees it: Alice, so not fromMe.
    expect(copy.message?.reactionMessage).toMatchObject({ text: '👍', key: { remoteJid: pn(ALICE), fromMe: false, id: target } });
    expect(await sim.waitForReceived(ALICE, (m) => m.id === id)).toMatchObject({ from: ACCOUNT, kind: 'reaction', reaction: { emoji: '👍', targetId: target } });
  });

  it("quotes on the phone the contact's message and the app's own, naming each author", async () => {
    const { id: theirs } = await sim.contactSend(ALICE, { to: ACCOUNT, text: '¿cuánto cuesta?' });
    const sent = await sock.sendMessage(pn(ALICE), { text: '20 euros' });
    const mine = sent?.key.id ?? '';
    await sim.waitForReceived(ALICE, (m) => m.id === mine);
    const quoteTheirs = fromPhone('te contesto por aquí');
    const { id: first } = await sim.phoneSend(ACCOUNT, { to: ALICE, text: 'te contesto por aquí', quotedId: theirs });
    const quoteMine = fromPhone('con envío incluido');
    const { id: second } = await sim.phoneSend(ACCOUNT, { to: ALICE, text: 'con envío incluido', quotedId: mine });
    const a = await quoteTheirs;
    expect(a.key).toMatchObject({ id: first, fromMe: true, remoteJid: pn(ALICE) });
    expect(a.message?.extendedTextMessage?.contextInfo).toMatchObject({ stanzaId: theirs, participant: pn(ALICE), quotedMessage: { conversation: '¿cuánto cuesta?' } });
    const b = await quoteMine;
    expect(b.message?.extendedTextMessage?.contextInfo).toMatchObject({ stanzaId: mine, participant: pn(ACCOUNT), quotedMessage: { conversation: '20 euros' } });
    expect(await sim.waitForReceived(ALICE, (m) => m.id === second)).toMatchObject({ quotedId: mine, quotedParticipant: pn(ACCOUNT) });
    expect(await sim.waitForReceived(ALICE, (m) => m.id === first)).toMatchObject({ quotedId: theirs, quotedParticipant: pn(ALICE) });
  });

  it('sends media from the phone that the app downloads byte for byte', async () => {
    const image = randomBytes(2048);
    const upsert = fromPhone('foto');
    const { id } = await sim.phoneSend(ACCOUNT, { to: ALICE, image, caption: 'foto' });
    const msg = await upsert;
    expect(msg.key).toMatchObject({ id, fromMe: true, remoteJid: pn(ALICE) });
    expect(Buffer.compare(await downloadMediaMessage(msg, 'buffer', {}), image)).toBe(0);
  });

  it('keeps the copy for an offline companion until it logs in again', async () => {
    const gone = new Promise((resolve) => sim.once('disconnected', resolve));
    sock.end(undefined);
    await gone;
    const { id } = await sim.phoneSend(ACCOUNT, { to: ALICE, text: 'mientras no estabas' });
    sock = connectClient(sim, auth);
    const upsert = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.id === id));
    await waitOpen(sock);
    const got = (await upsert).messages.find((m) => m.key.id === id);
    expect(got?.key).toMatchObject({ remoteJid: pn(ALICE), fromMe: true });
  });

  it('answers over the control API, with stable errors', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${sim.controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const upsert = fromPhone('por http');
    const res = await post(`/phones/${ACCOUNT}/send`, { to: ALICE, text: 'por http' });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    expect((await upsert).key.id).toBe(id);
    expect((await post(`/phones/${ACCOUNT}/send`, { to: '15550007799', text: 'x' })).status).toBe(404);
    const react = await post(`/phones/${ACCOUNT}/send`, { to: ALICE, reaction: { emoji: '👍', targetId: id } });
    expect(react.status).toBe(200);
    const bad = await post(`/phones/${ACCOUNT}/send`, { to: ALICE, reaction: { emoji: '👍', targetId: 'NOT-IN-THIS-CHAT' } });
    expect(bad.status).toBe(404);
    expect(await bad.json()).toMatchObject({ error: { code: 'unknown_message' } });
    const copies = (await (await fetch(`${sim.controlUrl}/phones/${ACCOUNT}/messages`)).json()) as Array<{ text?: string }>;
    expect(copies.some((m) => m.text === 'hola desde la app')).toBe(true);
  });
});
