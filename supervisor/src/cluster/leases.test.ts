import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterNode, connectDatabase, disconnectDatabase, SessionLease, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { acquireLease, freeSessions, leaseIsCurrent, leaseOwner, releaseLease, renewLease, renewLeases } from './leases.ts';

const T0 = Date.UTC(2026, 11, 3, 12);
const LEASE_MS = 2_000;

beforeAll(async () => {
  await connectDatabase(testDbUri('sup_leases'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('session leases', () => {
  it('acquires a free lease with token 1 and refuses it to another node while it is live', async () => {
    const mine = await acquireLease('s1', 'node-a', LEASE_MS, T0);
    expect(mine).toEqual({ sessionId: 's1', token: 1, expiresAt: T0 + LEASE_MS });
    expect(await acquireLease('s1', 'node-b', LEASE_MS, T0 + LEASE_MS - 1)).toBeNull();
    const doc = await SessionLease.findById('s1').lean();
    expect(doc).toMatchObject({ owner: 'node-a', token: 1 });
  });

  it('lets only one of two nodes racing for a new lease acquire it', async () => {
    const results = await Promise.all([acquireLease('race', 'node-a', LEASE_MS, T0), acquireLease('race', 'node-b', LEASE_MS, T0)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await SessionLease.countDocuments({ _id: 'race' })).toBe(1);
  });

  it('renews a held lease, extending its expiry and keeping its token', async () => {
    const lease = (await acquireLease('s2', 'node-a', LEASE_MS, T0))!;
    expect(await renewLease(lease, 'node-a', LEASE_MS, T0 + 1_500)).toBe(true);
    expect(lease).toMatchObject({ token: 1, expiresAt: T0 + 1_500 + LEASE_MS });
    // Live until the renewed expiry: another node still cannot take it after the first expiry.
    expect(await acquireLease('s2', 'node-b', LEASE_MS, T0 + LEASE_MS + 100)).toBeNull();
  });

  it('renews every held lease in one request, and reports when one of them was taken over', async () => {
    const held = [(await acquireLease('m1', 'node-a', LEASE_MS, T0))!, (await acquireLease('m2', 'node-a', LEASE_MS, T0))!];
    expect(await renewLeases(held, 'node-a', LEASE_MS, T0 + 1_000)).toBe(true);
    expect(held.map((l) => l.expiresAt)).toEqual([T0 + 1_000 + LEASE_MS, T0 + 1_000 + LEASE_MS]);
    expect((await SessionLease.find({ _id: { $in: ['m1', 'm2'] } }).lean()).map((d) => d.expiresAt.getTime())).toEqual([T0 + 1_000 + LEASE_MS, T0 + 1_000 + LEASE_MS]);
    // m2 expires unrenewed and node-b takes it (token 2): the batch renewal says so.
    expect(await acquireLease('m2', 'node-b', LEASE_MS, T0 + 1_000 + LEASE_MS)).toMatchObject({ token: 2 });
    expect(await renewLeases(held, 'node-a', LEASE_MS, T0 + 1_000 + LEASE_MS + 1)).toBe(false);
    expect(await SessionLease.findById('m2').lean()).toMatchObject({ owner: 'node-b', token: 2, expiresAt: new Date(T0 + 1_000 + 2 * LEASE_MS) });
  });

  it('lets another node steal an expired lease with the next token, and refuses the stale renewal', async () => {
    const old = (await acquireLease('s3', 'node-a', LEASE_MS, T0))!;
    const stolen = await acquireLease('s3', 'node-b', LEASE_MS, T0 + LEASE_MS);
    expect(stolen).toMatchObject({ token: old.token + 1 });
    expect(await renewLease(old, 'node-a', LEASE_MS, T0 + LEASE_MS + 1)).toBe(false);
    expect(await leaseIsCurrent('s3', 'node-a', old.token)).toBe(false);
    expect(await leaseIsCurrent('s3', 'node-b', stolen!.token)).toBe(true);
    // The old owner cannot take it back while the thief's lease is live.
    expect(await acquireLease('s3', 'node-a', LEASE_MS, T0 + LEASE_MS + 2)).toBeNull();
  });

  it('releases a lease so another node acquires it at once, and ignores a stale release', async () => {
    const lease = (await acquireLease('s4', 'node-a', LEASE_MS, T0))!;
    expect(await releaseLease({ ...lease, token: lease.token - 1 }, 'node-a', T0 + 10)).toBe(false);
    expect(await releaseLease(lease, 'node-a', T0 + 10)).toBe(true);
    expect(await renewLease(lease, 'node-a', LEASE_MS, T0 + 20)).toBe(false);
    expect(await acquireLease('s4', 'node-b', LEASE_MS, T0 + 20)).toMatchObject({ token: 2 });
  });

  it('reports the owner of a live lease with its URL, null while a session is moving, and which sessions are free', async () => {
    await ClusterNode.create({ _id: 'node-c', url: 'http://127.0.0.1:4001', heartbeatAt: new Date(T0), sessions: 1, rssBytes: 0, draining: false });
    await acquireLease('s5', 'node-c', LEASE_MS, T0);
    expect(await leaseOwner('s5', T0 + 1)).toEqual({ nodeId: 'node-c', url: 'http://127.0.0.1:4001' });
    expect(await leaseOwner('s5', T0 + LEASE_MS)).toBeNull();
    expect(await leaseOwner('never-leased', T0)).toBeNull();
    expect(await freeSessions(['s5', 'never-leased'], T0 + 1)).toEqual({ free: ['never-leased'], nextExpiry: T0 + LEASE_MS, lapsedOwners: [] });
    // Expired without release: free, and its owner is reported as lapsed.
    expect(await freeSessions(['s5', 'never-leased'], T0 + LEASE_MS)).toEqual({ free: ['s5', 'never-leased'], nextExpiry: null, lapsedOwners: ['node-c'] });
  });
});
