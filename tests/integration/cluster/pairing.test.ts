/**
 * A session is linked by QR through the real actor and Baileys against the simulator, and a
 * restart of the whole Supervisor brings it back connected without a new QR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_STOPPED_REASON } from '@switchboard/shared';
import { AuthState, Session } from '@switchboard/shared/node';
import { openCluster, type Cluster } from './harness.ts';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await openCluster('cluster_pairing');
});
afterAll(async () => {
  await cluster?.close();
});

describe('cluster pairing', () => {
  it('shows a QR, connects once the phone scans it, and reconnects after a Supervisor restart without a QR', async () => {
    await cluster.createSession('pair-1');
    const first = cluster.supervisor();
    await cluster.link(first.sup, first.rec, 'pair-1', '34600100001');
    const snap = first.sup.hub.snapshot('pair-1');
    expect(snap).toMatchObject({ status: 'connected', restarts: 0 });
    const doc = await Session.findOne({ sessionId: 'pair-1' }).lean();
    expect(doc).toMatchObject({ status: 'connected', active: true });
    expect(doc?.me?.id).toContain('34600100001');
    expect(await AuthState.countDocuments({ sessionId: 'pair-1' })).toBe(1);
    const seqs = first.rec.of('pair-1').map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));

    await first.sup.shutdown();
    const afterShutdown = await Session.findOne({ sessionId: 'pair-1' }).lean();
    expect(afterShutdown?.active).toBe(true);
    // The timeline tells a node's shutdown from an operator's stop, and it is no error of the session's.
    const states = first.rec.of('pair-1').filter((e) => e.type === 'connection-state');
    expect(states.at(-1)).toMatchObject({ status: 'stopped', message: NODE_STOPPED_REASON });
    expect(afterShutdown?.metrics?.lastError ?? null).toBeNull();

    const second = cluster.supervisor();
    await second.sup.restoreAll();
    await second.rec.waitStatus('pair-1', 'connected');
    expect(second.rec.of('pair-1').some((e) => e.type === 'qr')).toBe(false);
    // Sequence numbers continue where the first Supervisor stopped.
    const lastOfFirst = Math.max(...first.rec.of('pair-1').map((e) => e.seq));
    expect(second.rec.of('pair-1')[0]?.seq).toBe(lastOfFirst + 1);
  });
});
