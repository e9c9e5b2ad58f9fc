import type { WAMessage, WASocket } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index.ts';
import { linkByQr, nextEvent } from './testClient.ts';

let sim: Simulator;
let first: WASocket;
let second: WASocket;
let group = '';
const ACCOUNT = '15550007911';
const ALICE = '15550007922';
const BOB = '15550007933';
const pn = (digits: string) => `${digits}@s.whatsapp.net`;

beforeAll(async () => {
  sim = await startSimulator();
  sim.createPhone({ phone: ACCOUNT, name: 'Acme' });
  sim.createContact({ phone: ALICE, name: 'Alice' });
  sim.createContact({ phone: BOB, name: 'Bob' });
  ({ sock: first } = await linkByQr(sim, ACCOUNT));
  ({ sock: second } = await linkByQr(sim, ACCOUNT));
  group = sim.createGroup({ subject: 'Reparto', members: [ALICE, ACCOUNT, BOB] }).jid;
});

afterAll(async () => {
  for (const sock of [first, second]) sock?.end(undefined);
  await sim.stop();
});

/** The next upsert on `sock` in the group that `match` accepts. */
function inGroup(sock: WASocket, match: (m: WAMessage) => boolean): Promise<WAMessage> {
  const hit = (m: WAMessage) => m.key.remoteJid === group && match(m);
  return nextEvent(sock, 'messages.upsert', (e) => e.messages.some(hit)).then((e) => e.messages.find(hit)!);
}
const text = (m: WAMessage) => m.message?.conversation ?? m.message?.extendedTextMessage?.text;

describe('the account owner writes in a group from the phone', () => {
  it('reaches every member with its sender key, and every companion as fromMe', async () => {
    for (const words of ['salimos a las 9', 'y volvemos a las 2']) {
      const copies = [first, second].map((sock) => inGroup(sock, (m) => text(m) === words));
      const { id } = await sim.phoneSendToGroup(ACCOUNT, group, { text: words });
      for (const copy of await Promise.all(copies)) {
        expect(copy.key).toMatchObject({ remoteJid: group, fromMe: true, id });
        expect(copy.key.participant).toBe(pn(ACCOUNT));
      }
      for (const member of [ALICE, BOB]) {
        expect(await sim.waitForReceived(member, (m) => m.id === id)).toMatchObject({ from: ACCOUNT, group, kind: 'text', text: words });
      }
    }
  });

  it("reacts to and quotes a member's message, naming its author", async () => {
    const fromAlice = inGroup(first, (m) => text(m) === '¿quién trae el coche?');
    const { id: target } = await sim.contactSendToGroup(ALICE, group, { text: '¿quién trae el coche?' });
    await fromAlice;
    const reaction = inGroup(first, (m) => !!m.key.fromMe && m.message?.reactionMessage?.key?.id === target);
    const { id } = await sim.phoneSendToGroup(ACCOUNT, group, { reaction: { emoji: '🚗', targetId: target } });
    expect((await reaction).message?.reactionMessage).toMatchObject({ text: '🚗', key: { remoteJid: group, fromMe: false, id: target, participant: pn(ALICE) } });
    expect(await sim.waitForReceived(BOB, (m) => m.id === id)).toMatchObject({ kind: 'reaction', reaction: { emoji: '🚗', targetId: target } });
    const quote = inGroup(second, (m) => text(m) === 'yo');
    const { id: reply } = await sim.phoneSendToGroup(ACCOUNT, group, { text: 'yo', quotedId: target });
    expect((await quote).message?.extendedTextMessage?.contextInfo).toMatchObject({ stanzaId: target, participant: pn(ALICE) });
    expect(await sim.waitForReceived(ALICE, (m) => m.id === reply)).toMatchObject({ quotedId: target, quotedParticipant: pn(ALICE) });
  });

  it('answers over the control API, and refuses a phone that is not a member', async () => {
    const copy = inGroup(first, (m) => text(m) === 'por http');
    const res = await fetch(`${sim.controlUrl}/phones/${ACCOUNT}/groups/${group.split('@')[0]}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'por http' }),
    });
    expect(res.status).toBe(200);
    expect((await copy).key.id).toBe(((await res.json()) as { id: string }).id);
    sim.createPhone({ phone: '15550007944' });
    await expect(sim.phoneSendToGroup('15550007944', group, { text: 'x' })).rejects.toMatchObject({ code: 'not_member' });
  });
});
