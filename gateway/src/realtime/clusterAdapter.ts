/**
 * Cluster mode for Socket.IO: the Redis adapter (`@socket.io/redis-adapter`), so room emits
 * (presence) reach sockets on every node, and a relay of hub events between nodes. A node's hub
 * only emits its own actors' events; each one is routed to this node's sockets and sent to the
 * other nodes with `serverSideEmit`, which route it to theirs through the same EventRouter (per
 * socket permission checks and seq dedupe stay where the socket is). One Redis publisher keeps
 * a node's events in order; gaps are filled by the replay from the event log on reconnect.
 */
import { createAdapter } from '@socket.io/redis-adapter';
import type { HubEvent } from '@switchboard/shared';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RealtimeServer } from './clientState.ts';
import { openRedis } from '@switchboard/shared/redis';

/** Settings of cluster mode for the realtime layer. */
export interface RealtimeCluster {
  /** CLUSTER_REDIS_URL. */
  redisUrl: string;
  /** Key prefix of the adapter's channels (default `sb:io`). */
  key?: string;
}

/** The relay attached to one Socket.IO server. */
export interface ClusterRelay {
  /** Sends a local hub event to the other nodes. */
  publish(event: HubEvent): void;
  /** Asks the other nodes to re-authorise a user's sockets (null: everyone's). */
  refresh(userId: string | null): void;
  /** Detaches the relay and closes its Redis connections. */
  close(): Promise<void>;
}

const HUB_EVENT = 'hub-event';
const REFRESH = 'refresh-sockets';

function connection(url: string, log: Logger, name: string): Redis {
  const redis = openRedis(url, log, name);
  // The adapter publishes and (un)subscribes without awaiting: while Redis is down those
  // rejections would be unhandled (and end the process). Mark them handled and log them.
  const loose = redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of ['publish', 'subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe']) {
    const original = loose[method]!.bind(redis);
    loose[method] = (...args: unknown[]) => {
      const p = original(...args);
      p.catch((err: unknown) => log.debug({ err, connection: name, command: method }, `redis ${method} failed`));
      return p;
    };
  }
  return redis;
}

/** Quits a connection cleanly when it is up, drops it at once when it is not (Redis down). */
function end(redis: Redis): Promise<unknown> {
  if (redis.status === 'ready') return redis.quit();
  redis.disconnect();
  return Promise.resolve();
}

/**
 * Installs the Redis adapter on `io`; hub events of other nodes are passed to `route`, and
 * their refresh requests (a user deactivated, a role changed) to `refresh`.
 */
export function attachClusterAdapter(
  io: RealtimeServer,
  cluster: RealtimeCluster,
  route: (event: HubEvent) => void,
  logger: Logger,
  refresh: (userId: string | null) => void = () => undefined,
): ClusterRelay {
  const log = logger.child({ module: 'realtime-cluster' });
  const pub = connection(cluster.redisUrl, log, 'switchboard:io:pub');
  const sub = connection(cluster.redisUrl, log, 'switchboard:io:sub');
  io.adapter(createAdapter(pub, sub, { key: cluster.key ?? 'sb:io' }));
  // Server-side events are not part of our typed client protocol: reach them untyped.
  const untyped = io as unknown as {
    on(name: string, fn: (arg: never) => void): void;
    off(name: string, fn: (arg: never) => void): void;
    serverSideEmit(name: string, arg: unknown): boolean;
  };
  const emit = (name: string, arg: unknown): void => {
    try {
      untyped.serverSideEmit(name, arg);
    } catch (err) {
      log.warn({ err, name }, 'cluster message not relayed');
    }
  };
  const onRemote = (event: HubEvent): void => route(event);
  const onRefresh = (userId: string | null): void => refresh(userId);
  untyped.on(HUB_EVENT, onRemote);
  untyped.on(REFRESH, onRefresh);
  return {
    publish: (event) => emit(HUB_EVENT, event),
    refresh: (userId) => emit(REFRESH, userId),
    async close() {
      untyped.off(HUB_EVENT, onRemote);
      untyped.off(REFRESH, onRefresh);
      if (sub.status === 'ready') await Promise.resolve(io.of('/').adapter.close()).catch(() => undefined);
      await Promise.allSettled([end(pub), end(sub)]);
    },
  };
}
