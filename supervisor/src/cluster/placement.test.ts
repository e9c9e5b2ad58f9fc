import { describe, expect, it } from 'vitest';
import { adoptionQuota, byLoad, liveNodes, type NodeLoad } from './placement.ts';

const NOW = Date.UTC(2026, 11, 3, 12);
const node = (id: string, sessions: number, o: Partial<NodeLoad> = {}): NodeLoad => ({
  _id: id,
  heartbeatAt: new Date(NOW - 100),
  sessions,
  rssBytes: 0,
  draining: false,
  ...o,
});

describe('placement', () => {
  it('counts a node alive only while its heartbeat is younger than the ttl', () => {
    const nodes = [node('a', 0), node('b', 0, { heartbeatAt: new Date(NOW - 2_000) })];
    expect(liveNodes(nodes, NOW, 2_000).map((n) => n._id)).toEqual(['a']);
  });

  it('orders nodes by sessions, then RSS, then id', () => {
    const nodes = [node('c', 2), node('b', 1, { rssBytes: 900 }), node('a', 1, { rssBytes: 100 }), node('d', 1, { rssBytes: 100 })];
    expect(byLoad(nodes).map((n) => n._id)).toEqual(['a', 'd', 'b', 'c']);
  });

  it('takes free sessions up to the fair share of the serving nodes', () => {
    const nodes = [node('a', 0), node('b', 0), node('c', 0)];
    expect(adoptionQuota({ nodeId: 'a', held: 0, total: 6, free: 6, nodes, draining: false })).toBe(2);
    expect(adoptionQuota({ nodeId: 'a', held: 2, total: 6, free: 2, nodes, draining: false })).toBe(0);
    // A survivor of a dead node (two serving) takes its part of the dead node's sessions.
    expect(adoptionQuota({ nodeId: 'a', held: 2, total: 6, free: 2, nodes: nodes.slice(0, 2), draining: false })).toBe(1);
  });

  it('takes nothing while draining, leaves draining nodes out of the share, and counts itself before its first heartbeat', () => {
    const nodes = [node('a', 3), node('b', 0, { draining: true })];
    expect(adoptionQuota({ nodeId: 'a', held: 0, total: 4, free: 4, nodes, draining: true })).toBe(0);
    expect(adoptionQuota({ nodeId: 'a', held: 1, total: 4, free: 3, nodes, draining: false })).toBe(3);
    expect(adoptionQuota({ nodeId: 'z', held: 0, total: 4, free: 4, nodes: [node('a', 0)], draining: false })).toBe(2);
  });

  it('never takes more than are free', () => {
    expect(adoptionQuota({ nodeId: 'a', held: 0, total: 10, free: 1, nodes: [node('a', 0)], draining: false })).toBe(1);
  });
});
