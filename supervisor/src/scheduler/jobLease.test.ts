import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, disconnectDatabase, SessionLease, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { createJobLease, SCHEDULER_LEASE_ID } from './jobLease.ts';

const T0 = Date.UTC(2026, 11, 3, 12);
const LEASE_MS = 15_000;

/** A clock the test moves by hand. */
function fakeClock(start = T0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** A lease on its own document, with no timer: the test ticks it. */
function leaseOf(nodeId: string, clock: { now(): number }, id: string) {
  return createJobLease({ nodeId, leaseMs: LEASE_MS, logger: silentLogger(), now: clock.now, every: () => null, id });
}

beforeAll(async () => {
  await connectDatabase(testDbUri('sup_job_lease'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('createJobLease', () => {
  it('lets one node of two hold the lease, renews it, and hands it over when it expires', async () => {
    const clock = fakeClock();
    const a = leaseOf('node-a', clock, 'job:t1');
    expect(await a.tick()).toBe(true);
    const b = leaseOf('node-b', clock, 'job:t1');
    expect(await b.tick()).toBe(false);
    expect(a.held()).toBe(true);

    // A renews before expiry: B still cannot take it after A's first expiry.
    clock.advance(10_000);
    expect(await a.tick()).toBe(true);
    clock.advance(10_000);
    expect(await b.tick()).toBe(false);
    expect((await SessionLease.findById('job:t1').lean())?.token).toBe(1);

    // A stops renewing (frozen or dead): once its lease expired, B takes it; A knows it lost it.
    clock.advance(LEASE_MS);
    expect(a.held()).toBe(false);
    expect(await b.tick()).toBe(true);
    expect(await a.tick()).toBe(false);
    expect(await SessionLease.findById('job:t1').lean()).toMatchObject({ owner: 'node-b', token: 2 });
    await a.stop();
    await b.stop();
  });

  it('releases the lease on stop so another node takes it at once', async () => {
    const clock = fakeClock();
    const a = leaseOf('node-a', clock, 'job:t2');
    const b = leaseOf('node-b', clock, 'job:t2');
    expect(await a.tick()).toBe(true);
    expect(await b.tick()).toBe(false);
    await a.stop();
    expect(a.held()).toBe(false);
    expect(await b.tick()).toBe(true);
    await b.stop();
  });

  it('uses the scheduler lease document by default', async () => {
    const clock = fakeClock();
    const lease = createJobLease({ nodeId: 'node-a', leaseMs: LEASE_MS, logger: silentLogger(), now: clock.now, every: () => null });
    expect(await lease.tick()).toBe(true);
    expect(await SessionLease.findById(SCHEDULER_LEASE_ID).lean()).toMatchObject({ owner: 'node-a' });
    await lease.stop();
    expect(await SessionLease.findById(SCHEDULER_LEASE_ID).lean()).toMatchObject({ owner: null });
  });
});
