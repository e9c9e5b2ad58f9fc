/**
 * Builds a node's routing: two Redis connections (one for commands, one in subscriber mode),
 * the RoutedHub over the local hub (`supervisor.hub`), its request/reply endpoint and the snapshot board.
 * `close()` tells the other nodes this node holds nothing, unsubscribes and disconnects.
 */
import { openRedis } from '@switchboard/shared/redis';
import type { Logger } from 'pino';
import { createNodeRpc } from './nodeRpc.ts';
import { RoutedHub, type ForwardTimeouts, type LocalHub, type RoutingLeases, type RoutingPlacement } from './routedHub.ts';
import { createSnapshotBoard } from './snapshotBoard.ts';

/** Options of startRouting. */
export interface RoutingOptions {
  nodeId: string;
  redisUrl: string;
  local: LocalHub;
  leases: RoutingLeases;
  placement: RoutingPlacement;
  logger: Logger;
  /** Channel prefix (default `sb`). */
  prefix?: string;
  snapshotEveryMs?: number;
  timeouts?: Partial<ForwardTimeouts>;
}

/** A node's running routing. */
export interface Routing {
  hub: RoutedHub;
  close(): Promise<void>;
}

/** Connects to Redis and starts routing; throws a readable error when Redis cannot be reached. */
export async function startRouting(opts: RoutingOptions): Promise<Routing> {
  const log = opts.logger.child({ module: 'routing' });
  const pub = openRedis(opts.redisUrl, log, `switchboard:${opts.nodeId}:pub`);
  const sub = openRedis(opts.redisUrl, log, `switchboard:${opts.nodeId}:sub`);
  try {
    await Promise.all([pub.ping(), sub.ping()]);
  } catch (err) {
    pub.disconnect();
    sub.disconnect();
    throw new Error(`Redis at CLUSTER_REDIS_URL is not reachable / Redis en CLUSTER_REDIS_URL no responde: ${(err as Error).message}`, { cause: err });
  }
  const hub = new RoutedHub({ nodeId: opts.nodeId, local: opts.local, leases: opts.leases, placement: opts.placement, logger: opts.logger, ...(opts.timeouts ? { timeouts: opts.timeouts } : {}) });
  const prefix = opts.prefix ?? 'sb';
  hub.rpc = await createNodeRpc({ nodeId: opts.nodeId, pub, sub, handle: (req) => hub.serve(req), logger: opts.logger, prefix });
  hub.board = await createSnapshotBoard({ nodeId: opts.nodeId, pub, sub, local: () => hub.heldSnapshots(), logger: opts.logger, prefix, ...(opts.snapshotEveryMs ? { everyMs: opts.snapshotEveryMs } : {}) });
  let closing: Promise<void> | null = null;
  return {
    hub,
    close() {
      closing ??= (async () => {
        await hub.board?.close();
        await hub.rpc?.close();
        // Quit cleanly when Redis is up; drop the connections at once when it is not.
        await Promise.allSettled([pub, sub].map((r) => (r.status === 'ready' ? r.quit() : Promise.resolve(r.disconnect()))));
      })();
      return closing;
    },
  };
}
