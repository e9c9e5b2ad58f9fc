/**
 * Actor snapshots of the whole cluster, readable synchronously (SessionHub.snapshot is sync).
 * Every node publishes the snapshots of the sessions it holds on `<prefix>:snapshots` every
 * `everyMs` (and an empty list when it stops); each node keeps the latest list per publisher
 * and forgets a publisher silent for three periods (a dead node's sessions then fall back to
 * whatever this node knows locally, until their new owner publishes).
 */
import { deserialize, serialize } from 'node:v8';
import type { ActorSnapshot } from '@switchboard/shared';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

interface Board {
  nodeId: string;
  at: number;
  snapshots: ActorSnapshot[];
}

/** Options of createSnapshotBoard. */
export interface SnapshotBoardOptions {
  nodeId: string;
  pub: Redis;
  sub: Redis;
  /** Snapshots of the sessions this node holds now. */
  local(): ActorSnapshot[];
  logger: Logger;
  /** Publication period (default 2 s). */
  everyMs?: number;
  prefix?: string;
  now?: () => number;
}

/** The cluster's snapshots as last published by the other nodes. */
export interface SnapshotBoard {
  /** Latest remote snapshot of a session (the freshest publisher wins). */
  get(sessionId: string): ActorSnapshot | undefined;
  /** Every remote snapshot, one per session. */
  all(): ActorSnapshot[];
  /** Publishes this node's snapshots now (also done every period). */
  publish(): Promise<void>;
  /** Stops publishing, tells the others this node holds nothing, and unsubscribes. */
  close(): Promise<void>;
}

/** Subscribes to the board channel and starts publishing. */
export async function createSnapshotBoard(opts: SnapshotBoardOptions): Promise<SnapshotBoard> {
  const channel = `${opts.prefix ?? 'sb'}:snapshots`;
  const everyMs = opts.everyMs ?? 2_000;
  const now = opts.now ?? Date.now;
  const log = opts.logger.child({ module: 'snapshot-board' });
  const boards = new Map<string, Board & { receivedAt: number; byId: Map<string, ActorSnapshot> }>();

  const onMessage = (ch: Buffer, message: Buffer): void => {
    if (ch.toString() !== channel) return;
    try {
      const board = deserialize(message) as Board;
      if (board.nodeId === opts.nodeId) return;
      if (board.snapshots.length === 0) boards.delete(board.nodeId);
      else boards.set(board.nodeId, { ...board, receivedAt: now(), byId: new Map(board.snapshots.map((x) => [x.sessionId, x])) });
    } catch (err) {
      log.warn({ err }, 'unreadable snapshot board dropped');
    }
  };
  opts.sub.on('messageBuffer', onMessage);
  await opts.sub.subscribe(channel);

  const fresh = () => {
    const limit = now() - 3 * everyMs;
    for (const [id, b] of boards) if (b.receivedAt < limit) boards.delete(id);
    return [...boards.values()];
  };
  const send = (snapshots: ActorSnapshot[]): Promise<void> =>
    opts.pub.publish(channel, serialize({ nodeId: opts.nodeId, at: now(), snapshots } satisfies Board)).then(
      () => undefined,
      (err: unknown) => log.warn({ err }, 'snapshots not published'),
    );
  const publish = (): Promise<void> => send(opts.local());
  const timer = setInterval(() => void publish(), everyMs);
  timer.unref();
  void publish();

  return {
    get(sessionId) {
      let best: { at: number; s: ActorSnapshot } | undefined;
      for (const b of fresh()) {
        const s = b.byId.get(sessionId);
        if (s && (!best || b.at > best.at)) best = { at: b.at, s };
      }
      return best?.s;
    },
    all() {
      const out = new Map<string, { at: number; s: ActorSnapshot }>();
      for (const b of fresh()) {
        for (const s of b.snapshots) {
          const seen = out.get(s.sessionId);
          if (!seen || b.at > seen.at) out.set(s.sessionId, { at: b.at, s });
        }
      }
      return [...out.values()].map((x) => x.s);
    },
    publish,
    async close() {
      clearInterval(timer);
      opts.sub.off('messageBuffer', onMessage);
      await send([]);
      await opts.sub.unsubscribe(channel).catch(() => undefined);
    },
  };
}
