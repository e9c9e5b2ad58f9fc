import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterNode, connectDatabase, disconnectDatabase, SessionLease, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { createNodeRegistry } from './nodeRegistry.ts';

let now = Date.UTC(2026, 11, 3, 12);
const registry = (nodeId: string) =>
  createNodeRegistry({ nodeId, url: `http://${nodeId}:5000`, heartbeatMs: 500, ttlMs: 2_000, clock: () => now, logger: silentLogger() });

beforeAll(async () => {
  await connectDatabase(testDbUri('sup_noderegistry'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('node registry', () => {
  it('lists live nodes least loaded first, skips draining ones for placement, forgets silent ones and removes itself on stop', async () => {
    const a = registry('node-a');
    const b = registry('node-b');
    a.report({ sessions: 3, rssBytes: 100 });
    b.report({ sessions: 1, rssBytes: 900 });
    await Promise.all([a.heartbeat(), b.heartbeat()]);
    expect((await a.list()).map((n) => [n._id, n.sessions, n.url])).toEqual([
      ['node-b', 1, 'http://node-b:5000'],
      ['node-a', 3, 'http://node-a:5000'],
    ]);
    expect((await a.leastLoaded())._id).toBe('node-b');

    await b.setDraining(true);
    expect((await a.leastLoaded())._id).toBe('node-a');

    now += 1_500;
    await a.heartbeat();
    now += 600; // node-b silent for 2.1 s: gone
    expect((await a.list()).map((n) => n._id)).toEqual(['node-a']);

    await a.stop();
    expect(await ClusterNode.countDocuments({ _id: 'node-a' })).toBe(0);
    await expect(a.leastLoaded()).rejects.toMatchObject({ code: 'no_live_node' });
  });

  it('counts live leases in placement, so starts placed before the next heartbeat spread', async () => {
    const c = registry('node-c');
    const d = registry('node-d');
    c.report({ sessions: 0, rssBytes: 100 });
    d.report({ sessions: 0, rssBytes: 100 });
    await Promise.all([c.heartbeat(), d.heartbeat()]);
    // Same reported load: node-c ranks first (by id) until its leases say otherwise.
    expect((await c.leastLoaded())._id).toBe('node-c');
    await SessionLease.create({ _id: 'placed-1', owner: 'node-c', token: 1, expiresAt: new Date(now + 5_000), updatedAt: new Date(now) });
    expect((await c.leastLoaded())._id).toBe('node-d');
    // An expired lease no longer counts.
    await SessionLease.updateOne({ _id: 'placed-1' }, { $set: { expiresAt: new Date(now - 1) } });
    expect((await c.leastLoaded())._id).toBe('node-c');
  });
});
