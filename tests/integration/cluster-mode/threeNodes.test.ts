/**
 * Cluster mode, acceptance (issue 16): three full nodes (`startNode` processes with their own
 * NODE_ID and PORT, each in its own process group) on one database, one Redis and the WhatsApp
 * simulator. 30 sessions are created through the nodes' APIs and linked by QR; each node holds
 * some. Contacts write and the REST API sends while the node holding the most sessions is
 * SIGKILLed with its actors: its sessions reconnect on the two others within lease expiry +
 * 10 s without a QR, every accepted send reaches its contact exactly once, every inbound
 * message is stored exactly once, and a Socket.IO client on a surviving node saw the moved
 * sessions' events with no seq gap. The scenario runs once (beforeAll, threeNodesScenario.ts,
 * also run by `pnpm bench --nodes=3`); each property is its own test, so a failure names it.
 * THREE_NODES_PROGRESS=1 prints the phases; THREE_NODES_LOG_DIR (+ ROUTING_LOG_LEVEL=info)
 * keeps the nodes' logs. Part of `pnpm test` (the heavy files, one at a time); `pnpm
 * test:three-nodes` runs it alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../support/redis.ts';
import { openCluster, type Cluster } from '../cluster/harness.ts';
import { nodesScenario, type NodesScenario, type NodesScenarioResult } from './threeNodesScenario.ts';

const NODES = 3;
const SESSIONS = 30;
/**
 * 15 s (the product default): with 3 s and 6 s leases, nodes on a loaded 2-core runner
 * self-fenced again and again (a renewal not landing in time), so sessions bounced between
 * nodes (docs/cluster.md, "Tests" of the three-node section).
 */
const LEASE_MS = 15_000;
const ROUNDS = 4;

let redis: TestRedis;
let cluster: Cluster;
let scenario: NodesScenario | undefined;
let r: NodesScenarioResult;

beforeAll(async () => {
  // Own embedded database server (unless MONGODB_URI is set): 30 sessions with traffic would
  // hold up every other test file sharing the run's server.
  [redis, cluster] = await Promise.all([startRedis(), openCluster('cluster_three_nodes', { ownServer: true })]);
  const started = Date.now();
  const verbose = !!process.env.THREE_NODES_PROGRESS;
  scenario = nodesScenario({
    uri: cluster.uri,
    redisUrl: redis.url,
    sim: cluster.sim,
    nodes: NODES,
    sessions: SESSIONS,
    leaseMs: LEASE_MS,
    rounds: ROUNDS,
    trafficWidth: 6,
    linkWidth: 6,
    startConcurrency: 8,
    prefix: 'tn',
    ...(process.env.THREE_NODES_LOG_DIR ? { logDir: process.env.THREE_NODES_LOG_DIR } : {}),
    progress: (line) => verbose && process.stderr.write(`[threeNodes +${((Date.now() - started) / 1000).toFixed(1)} s] ${line}\n`),
  });
  r = await scenario.run();
  if (verbose) process.stderr.write(`${JSON.stringify(r)}\n`);
}, 480_000);

afterAll(async () => {
  await scenario?.close();
  await cluster?.close();
  await redis?.stop();
}, 60_000);

describe(`cluster mode: three nodes, ${SESSIONS} sessions, one node SIGKILLed during traffic`, () => {
  it('spreads the sessions: every node holds some, every session is held', () => {
    expect(Object.values(r.sessionsPerNode).reduce((a, b) => a + b, 0)).toBe(SESSIONS);
    for (const id of r.nodeIds) expect(r.sessionsPerNode[id], `sessions on ${id}`).toBeGreaterThan(0);
    expect(r.moved.length).toBe(r.sessionsPerNode[r.victim]);
  });

  it("moves the killed node's sessions to the survivors, without a QR", () => {
    expect(Object.keys(r.reconnectMs).sort()).toEqual([...r.moved].sort());
    for (const owner of Object.values(r.newOwners)) expect(r.nodeIds.filter((id) => id !== r.victim)).toContain(owner);
    expect(r.sessionsPerNodeAfter[r.victim]).toBe(0);
    expect(Object.values(r.sessionsPerNodeAfter).reduce((a, b) => a + b, 0)).toBe(SESSIONS);
    expect(r.qrAfterKill).toBe(0);
  });

  it('reconnects them within lease expiry + 10 s of the kill', () => {
    expect(r.failoverMs, JSON.stringify(r.reconnectMs)).toBeLessThanOrEqual(LEASE_MS + 10_000);
  });

  it('delivers every accepted send exactly once', () => {
    expect(r.accepted).toBe(SESSIONS * ROUNDS);
    expect(r.lost, JSON.stringify(r.lostDetail)).toEqual([]);
    expect(r.duplicated).toEqual([]);
  });

  it('stores every inbound message exactly once', () => {
    expect(r.inbound).toBe(SESSIONS * ROUNDS);
    expect(r.notStored).toEqual([]);
    expect(r.storedTwice).toEqual([]);
  });

  it("shows a surviving node's socket every event of the moved sessions: no seq gap, every inbound message announced", () => {
    expect(r.watcher).not.toBe(r.victim);
    expect(r.seqGaps).toEqual({});
    expect(r.notAnnounced).toEqual([]);
  });
});
