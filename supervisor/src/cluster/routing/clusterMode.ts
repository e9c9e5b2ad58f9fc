/**
 * Composition of a cluster node (CLUSTER_REDIS_URL set), used by server/src/main.ts:
 *  1. `startClusterMode` connects to Redis and builds the RoutedHub (before the gateway, which
 *     serves it) and the scheduler's job lease;
 *  2. `join(url)` (once the gateway listens) registers the node and starts the lease keeper,
 *     which adopts this node's share of the free sessions (instead of `restoreAll`);
 *  3. on SIGTERM `drain()` hands every session over before the actors stop, then `close()`.
 */
import { hostname } from 'node:os';
import type { SupervisorConfig } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { createLeaseKeeper, type LeaseKeeper } from '../leaseKeeper.ts';
import { createNodeRegistry, type NodeRegistry } from '../nodeRegistry.ts';
import type { Supervisor } from '../../Supervisor.ts';
import { createJobLease, type JobLease } from '../../scheduler/jobLease.ts';
import { sessionMoving } from './errors.ts';
import type { RoutedHub, RoutingLeases, RoutingPlacement } from './routedHub.ts';
import { startRouting, type Routing } from './startRouting.ts';

/** A node's cluster mode, as server/src/main.ts drives it. */
export interface ClusterMode {
  nodeId: string;
  redisUrl: string;
  hub: RoutedHub;
  jobLease: JobLease;
  /** The keeper once joined (tests and ops read it). */
  keeper(): LeaseKeeper | null;
  /** True while this node holds the session's lease. */
  holds(sessionId: string): boolean;
  /** Registers the node under its gateway URL and starts taking sessions. */
  join(gatewayUrl: string): Promise<void>;
  /** Hands every session over (graceful stop + lease release) and leaves the cluster. */
  drain(): Promise<void>;
  /** Stops the job lease and the routing (Redis). */
  close(): Promise<void>;
}

/** The NODE_ID default: host name and process id. */
export function defaultNodeId(): string {
  return `${hostname().replace(/[^A-Za-z0-9._-]/g, '-')}-${process.pid}`;
}

/** Connects to Redis and builds the routed hub; throws a readable error when Redis is down. */
export async function startClusterMode(config: SupervisorConfig & { CLUSTER_REDIS_URL: string }, supervisor: Supervisor, logger: Logger): Promise<ClusterMode> {
  const nodeId = config.NODE_ID ?? defaultNodeId();
  const leaseMs = config.CLUSTER_LEASE_MS;
  const renewMs = Math.max(500, Math.floor(leaseMs / 3));
  let keeper: LeaseKeeper | null = null;
  let registry: NodeRegistry | null = null;
  // The keeper and registry exist once the gateway's URL is known; until then nothing is held here.
  const leases: RoutingLeases = {
    holds: (id) => keeper?.holds(id) ?? false,
    acquire: async (id) => (keeper ? keeper.acquire(id) : false),
    ownerOf: async (id) => (keeper ? keeper.ownerOf(id) : null),
  };
  const placement: RoutingPlacement = {
    async leastLoaded() {
      if (!registry) throw sessionMoving('', 'this node has not joined the cluster yet');
      try {
        return await registry.leastLoaded();
      } catch (err) {
        if ((err as { code?: unknown }).code === 'no_live_node') throw sessionMoving('', 'no live node takes sessions');
        throw err;
      }
    },
  };
  const routing: Routing = await startRouting({ nodeId, redisUrl: config.CLUSTER_REDIS_URL, local: supervisor.hub, leases, placement, logger });
  const jobLease = createJobLease({ nodeId, leaseMs, renewMs, logger });
  logger.info({ nodeId, leaseMs }, 'cluster mode');

  return {
    nodeId,
    redisUrl: config.CLUSTER_REDIS_URL,
    hub: routing.hub,
    jobLease,
    keeper: () => keeper,
    holds: leases.holds,
    async join(gatewayUrl) {
      const url = config.PUBLIC_URL ?? gatewayUrl;
      registry = createNodeRegistry({ nodeId, url, heartbeatMs: renewMs, logger });
      keeper = createLeaseKeeper({ nodeId, supervisor, leaseMs, renewMs, adoptConcurrency: config.SESSION_START_CONCURRENCY, registry, logger });
      await keeper.start();
    },
    async drain() {
      await keeper?.drain();
    },
    async close() {
      await jobLease.stop();
      await keeper?.stop();
      await routing.close();
    },
  };
}
