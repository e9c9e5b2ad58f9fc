/**
 * A session that shows QR codes nobody scans is stopped after the link timeout, through the real
 * actor and Baileys against the simulator: it stops holding a process, is not restored, says why,
 * and links normally when an operator starts it again.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HubEvent } from '@switchboard/shared';
import { Session } from '@switchboard/shared/node';
import { openCluster, type Cluster } from './harness.ts';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await openCluster('cluster_link_timeout');
});
afterAll(async () => {
  await cluster?.close();
});

describe('link timeout', () => {
  it('stops a session nobody links in time, and links it once an operator starts it again', async () => {
    await cluster.createSession('unlinked-1');
    const { sup, rec } = cluster.supervisor({ limits: { linkTimeoutMs: 2_000 } });
    await sup.start('unlinked-1');
    await rec.waitFor((e) => e.sessionId === 'unlinked-1' && e.type === 'qr');
    // Someone opening the code (the console's link dialog asks for it) restarts the count.
    const slot = sup.slot('unlinked-1') as { waitingLinkSince: number | null };
    expect(slot.waitingLinkSince).not.toBeNull();
    slot.waitingLinkSince = 1;
    const asked = sup.hub.call('unlinked-1', 'getQr', {});
    expect(slot.waitingLinkSince).toBeGreaterThan(1);
    expect((await asked).qr).toEqual(expect.any(String));
    const stopped = (await rec.waitStatus('unlinked-1', 'stopped')) as Extract<HubEvent, { type: 'connection-state' }>;
    expect(stopped.message).toBe('not linked within 2 s');
    const exit = (await rec.waitFor((e) => e.sessionId === 'unlinked-1' && e.type === 'actor-exit')) as Extract<HubEvent, { type: 'actor-exit' }>;
    expect(exit).toMatchObject({ action: 'none', reason: 'not linked within 2 s' });
    expect(sup.hub.snapshot('unlinked-1')).toMatchObject({ status: 'stopped', pid: null });
    // The stop clears `active` (not restored at start-up) just after the status it announced.
    await vi.waitFor(async () => expect((await Session.findOne({ sessionId: 'unlinked-1' }).lean())?.active).toBe(false), { timeout: 10_000, interval: 20 });
    const doc = await Session.findOne({ sessionId: 'unlinked-1' }).lean();
    expect(doc).toMatchObject({ status: 'stopped', active: false });
    expect(doc?.metrics?.lastError).toBe('not linked within 2 s');

    // Started again (the console's "Vincular"), it shows a new code and links; on a node with
    // the default timeout, so that a slow pairing on a busy machine is not cut short.
    await sup.shutdown();
    const next = cluster.supervisor();
    await cluster.link(next.sup, next.rec, 'unlinked-1', '34600900001');
    expect((await Session.findOne({ sessionId: 'unlinked-1' }).lean())?.status).toBe('connected');
  });
});
