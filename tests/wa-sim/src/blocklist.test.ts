import type { WASocket } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreSnapshot, takeSnapshot } from './snapshot.ts';
import { startSimulator, type Simulator } from './index.ts';
import { linkByQr, nextEvent } from './testClient.ts';

let sim: Simulator;
let sock: WASocket;
const ACCOUNT = '15550007001';
const ALICE = '15550007002';
const BOB = '15550007003';
const upserted: string[] = [];

beforeAll(async () => {
  sim = await startSimulator();
  sim.createPhone({ phone: ACCOUNT, name: 'Acme' });
  sim.createContact({ phone: ALICE, name: 'Alice' });
  sim.createContact({ phone: BOB, name: 'Bob' });
  ({ sock } = await linkByQr(sim, ACCOUNT));
  sock.ev.on('messages.upsert', ({ messages }) => upserted.push(...messages.map((m) => m.message?.conversation ?? '')));
});

afterAll(async () => {
  sock?.end(undefined);
  await sim.stop();
});

const lidOf = (digits: string) => `${(sim.contacts.get(digits) as { lid: string }).lid}@lid`;

describe('blocking a contact', () => {
  it('blocks by Baileys updateBlockStatus, lists it, and never delivers the contact messages meanwhile', async () => {
    await sock.updateBlockStatus(`${ALICE}@s.whatsapp.net`, 'block');
    expect(await sock.fetchBlocklist()).toEqual([lidOf(ALICE)]);
    expect(sim.blockFromPhone(ACCOUNT, BOB, false).blocked).toEqual([ALICE]);

    const dropped = new Promise((resolve) => sim.once('blocked-message', resolve));
    const { id } = await sim.contactSend(ALICE, { to: ACCOUNT, text: 'mientras bloqueada' });
    expect(await dropped).toEqual({ contact: ALICE, to: ACCOUNT, id });

    await sock.updateBlockStatus(`${ALICE}@s.whatsapp.net`, 'unblock');
    expect(await sock.fetchBlocklist()).toEqual([]);
    const after = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.message?.conversation === 'ya desbloqueada'));
    await sim.contactSend(ALICE, { to: ACCOUNT, text: 'ya desbloqueada' });
    await after;
    // Messages from one contact arrive in order: the blocked one would have come first.
    expect(upserted).not.toContain('mientras bloqueada');
  });

  it('tells the linked device when the phone blocks or unblocks (blocklist.update)', async () => {
    const blocked = nextEvent(sock, 'blocklist.update', (e) => e.type === 'add');
    sim.blockFromPhone(ACCOUNT, BOB, true);
    expect(await blocked).toEqual({ blocklist: [lidOf(BOB)], type: 'add' });
    expect(await sock.fetchBlocklist()).toEqual([lidOf(BOB)]);

    const unblocked = nextEvent(sock, 'blocklist.update', (e) => e.type === 'remove');
    sim.blockFromPhone(ACCOUNT, BOB, false);
    expect(await unblocked).toEqual({ blocklist: [lidOf(BOB)], type: 'remove' });
  });

  it('refuses an unknown contact and keeps the blocklist in a snapshot', async () => {
    // Baileys needs no PN to unblock a LID, so the IQ reaches WhatsApp, which knows no such contact.
    await expect(sock.updateBlockStatus('15550007999@lid', 'unblock')).rejects.toMatchObject({ data: 404 });
    expect(() => sim.blockFromPhone(ACCOUNT, '15550007999', true)).toThrow(/no simulated contact/);
    sim.blockFromPhone(ACCOUNT, BOB, true);
    const copy = await startSimulator();
    try {
      restoreSnapshot(copy, takeSnapshot(sim));
      expect(copy.phones.get(ACCOUNT)?.blocked).toEqual(new Set([BOB]));
    } finally {
      await copy.stop();
      sim.blockFromPhone(ACCOUNT, BOB, false);
    }
  });

  it('changes and lists it over the control API, with clear errors', async () => {
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${sim.controlUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as unknown };
    };
    expect(await call('PUT', `/phones/${ACCOUNT}/blocklist/${BOB}`, { blocked: true })).toEqual({ status: 200, json: { blocked: [BOB] } });
    expect(await call('GET', `/phones/${ACCOUNT}/blocklist`)).toEqual({ status: 200, json: { blocked: [BOB] } });
    expect(await call('PUT', `/phones/${ACCOUNT}/blocklist/${BOB}`, { blocked: 'yes' })).toMatchObject({ status: 400, json: { error: { code: 'invalid_body' } } });
    expect(await call('PUT', `/phones/${ACCOUNT}/blocklist/15550007999`, { blocked: true })).toMatchObject({ status: 404, json: { error: { code: 'unknown_contact' } } });
    expect(await call('GET', '/phones/15550007998/blocklist')).toMatchObject({ status: 404, json: { error: { code: 'unknown_phone' } } });
    expect(await call('PUT', `/phones/${ACCOUNT}/blocklist/${BOB}`, { blocked: false })).toEqual({ status: 200, json: { blocked: [] } });
  });
});
