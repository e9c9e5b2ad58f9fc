/**
 * Fifty sessions (issue 4): linked through the real actors, then a new Supervisor restores all
 * of them with bounded concurrency, and every one connects again without a QR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubEvent } from '@switchboard/shared';
import { Session } from '@switchboard/shared/node';
import { SETTLED_STATUSES } from '@switchboard/supervisor';
import { openCluster, type Cluster } from './harness.ts';

const N = 50;
/** SESSION_START_CONCURRENCY's default. */
const CONCURRENCY = 8;
/**
 * Fifty actors pairing at once saturate a 2-core runner (key generation, the embedded
 * database, the simulator in this process): an actor's loop can stall for seconds without
 * being hung. This test is about start-up, not hang detection (faults.test.ts covers that), so
 * it tolerates 20 s without a heartbeat instead of the test default of 5 s.
 */
const LIMITS = { missedHeartbeats: 80 };
let cluster: Cluster;
beforeAll(async () => {
  cluster = await openCluster('cluster_startup', { ownServer: true });
});
afterAll(async () => {
  await cluster?.close();
});

const ids = Array.from({ length: N }, (_, i) => `many-${i}`);
const phoneOf = (i: number) => `3460050${String(i).padStart(4, '0')}`;

describe('cluster start-up', () => {
  it(`restores ${N} sessions at most ${CONCURRENCY} at a time and all of them connect`, async () => {
    for (const id of ids) await cluster.createSession(id);
    const first = cluster.supervisor({ startConcurrency: 8, limits: LIMITS });
    // Each simulated phone scans its session's QR as soon as it appears. On a loaded machine a
    // scan can come too late for its QR (qr_expired): the phone scans the next one instead.
    const linked = new Set<string>();
    const unsubscribe = first.sup.hub.subscribe((e: HubEvent) => {
      if (e.type === 'connection-state' && e.status === 'connected') linked.add(e.sessionId);
      if (e.type !== 'qr' || linked.has(e.sessionId)) return;
      const i = ids.indexOf(e.sessionId);
      if (i < 0) return;
      if (!cluster.sim.phones.has(phoneOf(i))) cluster.sim.createPhone({ phone: phoneOf(i) });
      cluster.sim.scanQr(phoneOf(i), e.qr).catch(() => undefined);
    });
    await first.sup.restoreAll();
    for (const id of ids) await first.rec.waitStatus(id, 'connected');
    unsubscribe();
    await first.sup.shutdown();

    const second = cluster.supervisor({ startConcurrency: CONCURRENCY, limits: LIMITS });
    // Bounded: never more than CONCURRENCY sessions started and not yet settled (connected, or
    // waiting for an operator). Counted from the supervisor's own slots at every event it
    // publishes: published events of different sessions need not come out in the order their
    // transitions happened (each session's events are stored on their own), the slots do.
    let peak = 0;
    const sample = second.sup.hub.subscribe(() => {
      const inFlight = [...second.sup.knownSlots()].filter((slot) => !SETTLED_STATUSES.has(slot.status)).length;
      peak = Math.max(peak, inFlight);
    });
    await second.sup.restoreAll();
    for (const id of ids) await second.rec.waitStatus(id, 'connected');
    sample();
    expect(second.rec.events.filter((e) => e.type === 'qr')).toHaveLength(0);

    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(CONCURRENCY);
    expect(await Session.countDocuments({ sessionId: { $in: ids }, status: 'connected' })).toBe(N);
    expect(second.sup.hub.healthReport()).toMatchObject({ total: N, healthy: N });
  }, 900_000);
});
