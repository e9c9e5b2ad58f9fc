import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requestToJoin, startSimulator, type Simulator } from './index.ts';
import { restoreSnapshot, takeSnapshot } from './snapshot.ts';
import { connectClient, linkByQr, nextEvent, waitOpen } from './testClient.ts';

const running: Simulator[] = [];

afterAll(async () => {
  for (const sim of running) await sim.stop().catch(() => undefined);
});

describe('a simulator with a data directory', () => {
  it('keeps its trust root, linked companions and contact sessions across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'wa-sim-persist-'));
    const first = await startSimulator({ dataDir });
    running.push(first);
    first.createPhone({ phone: '15552220000', name: 'Kept' });
    first.createContact({ phone: '15552221111', name: 'Eve' });
    const { sock, auth } = await linkByQr(first, '15552220000');
    const sent = await sock.sendMessage('15552221111@s.whatsapp.net', { text: 'before' });
    await first.waitForReceived('15552221111', (m) => m.id === sent?.key.id);
    const group = first.createGroup({ subject: 'Kept group', members: ['15552220000', '15552221111'] }).jid;
    const inGroup = await sock.sendMessage(group, { text: 'group before' });
    await first.waitForReceived('15552221111', (m) => m.id === inGroup?.key.id);
    first.createContact({ phone: '15552222222', name: 'Fay' });
    first.setGroupSettings(group, { locked: true, approval: true });
    requestToJoin(first, group, '15552222222');
    sock.end(undefined);
    await first.stop();

    const second = await startSimulator({ dataDir });
    running.push(second);
    expect(second.trustRootHex).toBe(first.trustRootHex);
    expect(second.devices('15552220000')).toEqual([{ deviceId: 1, online: false }]);
    const again = connectClient(second, auth);
    await waitOpen(again);
    const after = await again.sendMessage('15552221111@s.whatsapp.net', { text: 'after' });
    expect(await second.waitForReceived('15552221111', (m) => m.id === after?.key.id)).toMatchObject({ text: 'after' });
    const back = nextEvent(again, 'messages.upsert', (e) => e.messages.some((m) => m.message?.conversation === 'still here'));
    await second.contactSend('15552221111', { to: '15552220000', text: 'still here' });
    await back;
    // The group is kept; the contact lost the app's sender key and gets it again by a retry receipt.
    expect(second.group(group)).toMatchObject({ subject: 'Kept group', members: ['15552220000', '15552221111'], settings: { locked: true, approval: true, announce: false }, requests: ['15552222222'] });
    const groupAfter = await again.sendMessage(group, { text: 'group after' });
    expect(await second.waitForReceived('15552221111', (m) => m.id === groupAfter?.key.id)).toMatchObject({ group, text: 'group after' });
    const groupBack = nextEvent(again, 'messages.upsert', (e) => e.messages.some((m) => m.key.remoteJid === group && m.message?.conversation === 'group still here'));
    await second.contactSendToGroup('15552221111', group, { text: 'group still here' });
    await groupBack;
    again.end(undefined);
  });
});

describe('a simulator with a data directory and no snapshots (the benchmark)', () => {
  it('keeps its trust root there but writes no snapshot, and restarts without its phones', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'wa-sim-nosnap-'));
    const first = await startSimulator({ dataDir, snapshots: false });
    running.push(first);
    first.createPhone({ phone: '15552230000' });
    const { sock } = await linkByQr(first, '15552230000');
    sock.end(undefined);
    await first.stop();
    expect(existsSync(join(dataDir, 'state.json'))).toBe(false);
    const second = await startSimulator({ dataDir });
    running.push(second);
    expect(second.trustRootHex).toBe(first.trustRootHex);
    expect(second.phones.has('15552230000')).toBe(false);
  });

  it('reads a snapshot from before groups kept their settings and requests as open groups', async () => {
    const older = await startSimulator();
    running.push(older);
    older.createContact({ phone: '15553330000', name: 'Ana' });
    const group = older.createGroup({ subject: 'Antiguo', members: ['15553330000'] }).jid;
    const snap = JSON.parse(takeSnapshot(older)) as { groups: Array<Record<string, unknown>> };
    for (const g of snap.groups) {
      delete g.settings;
      delete g.requests;
    }
    const restored = await startSimulator();
    running.push(restored);
    restoreSnapshot(restored, JSON.stringify(snap));
    expect(restored.group(group)).toMatchObject({ settings: { announce: false, locked: false, allMembersAdd: false, approval: false }, requests: [] });
  });
});
