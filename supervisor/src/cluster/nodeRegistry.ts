/**
 * Cluster mode: this node's record in `clusternodes`, rewritten by a heartbeat loop with its
 * load (sessions held, RSS) so that placement can pick the least loaded node, and read back to
 * list the live nodes. A node whose heartbeat is older than `ttlMs` counts as gone.
 */
import { ClusterNode, SessionLease, type ClusterNodeDoc } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { byLoad, liveNodes } from './placement.ts';

/** Options of `createNodeRegistry`. */
export interface NodeRegistryOptions {
  nodeId: string;
  /** This node's gateway base URL, as other nodes reach it. */
  url: string;
  heartbeatMs: number;
  /** A node silent for this long is no longer live (default: 3 heartbeats). */
  ttlMs?: number;
  clock?: () => number;
  logger: Logger;
}

/** This node's membership of the cluster. */
export interface NodeRegistry {
  readonly nodeId: string;
  readonly ttlMs: number;
  /** Writes the first heartbeat, then one every `heartbeatMs` (again: one heartbeat now). */
  start(): Promise<void>;
  /** Stops the loop and removes this node's record (a clean exit; a killed node just goes stale). */
  stop(): Promise<void>;
  /** Writes this node's record now. */
  heartbeat(): Promise<void>;
  /** Sets this node's load, written with the next heartbeat. */
  report(load: { sessions: number; rssBytes: number }): void;
  /** Marks this node as draining (written at once): placement gives it nothing more. */
  setDraining(draining: boolean): Promise<void>;
  /** The live nodes, least loaded first. */
  list(): Promise<ClusterNodeDoc[]>;
  /** The live node that should take the next session (least sessions, then RSS; not draining). */
  leastLoaded(): Promise<ClusterNodeDoc>;
}

/** Creates the registry of one node (call `start()`). */
export function createNodeRegistry(opts: NodeRegistryOptions): NodeRegistry {
  const clock = opts.clock ?? Date.now;
  const ttlMs = opts.ttlMs ?? opts.heartbeatMs * 3;
  const log = opts.logger.child({ module: 'node-registry', nodeId: opts.nodeId });
  let load = { sessions: 0, rssBytes: process.memoryUsage.rss() };
  let draining = false;
  let timer: NodeJS.Timeout | null = null;

  const registry: NodeRegistry = {
    nodeId: opts.nodeId,
    ttlMs,
    async start() {
      await registry.heartbeat();
      if (timer) return;
      timer = setInterval(() => {
        registry.heartbeat().catch((err: unknown) => log.warn({ err }, 'node heartbeat failed'));
      }, opts.heartbeatMs);
      timer.unref();
      log.info({ url: opts.url }, 'node joined the cluster');
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await ClusterNode.deleteOne({ _id: opts.nodeId });
    },
    async heartbeat() {
      await ClusterNode.updateOne(
        { _id: opts.nodeId },
        { $set: { url: opts.url, heartbeatAt: new Date(clock()), sessions: load.sessions, rssBytes: load.rssBytes, draining } },
        { upsert: true },
      );
    },
    report(next) {
      load = next;
    },
    async setDraining(value) {
      draining = value;
      await registry.heartbeat();
    },
    async list() {
      const nodes = await ClusterNode.find({}).lean();
      return byLoad(liveNodes(nodes, clock(), ttlMs));
    },
    async leastLoaded() {
      // Heartbeats carry each node's load up to a heartbeat late: a burst of starts would all
      // go to the same node. Live leases count at once, so each placement sees the ones before.
      const now = clock();
      const leases = await SessionLease.find({ owner: { $ne: null }, expiresAt: { $gt: new Date(now) } }, { owner: 1 }).lean();
      const held = new Map<string, number>();
      for (const l of leases) held.set(l.owner!, (held.get(l.owner!) ?? 0) + 1);
      const nodes = liveNodes(await ClusterNode.find({}).lean(), now, ttlMs).map((n) => ({ ...n, sessions: Math.max(n.sessions, held.get(n._id) ?? 0) }));
      const serving = byLoad(nodes).filter((n) => !n.draining);
      const first = serving[0];
      if (!first) throw Object.assign(new Error('No live cluster node takes sessions'), { code: 'no_live_node' });
      return first;
    },
  };
  return registry;
}
