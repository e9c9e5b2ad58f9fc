/**
 * Cluster mode: the scheduler's jobs run on one node of the cluster, the holder of a lease
 * document (`SessionLease` with `_id: 'job:scheduler'`, so it is no session). Every node tries
 * to take or renew it every `renewMs`; the holder renews it, the others take it once it has
 * expired (its node died or froze) or was released (graceful stop). Each attempt is one
 * conditional write found by `_id`, atomic on MongoDB and on the embedded FerretDB.
 */
import { SessionLease } from '@switchboard/shared/node';
import type { Logger } from 'pino';

/** `_id` of the scheduler's lease in `sessionleases` (not a session: lease keepers skip `job:`). */
export const SCHEDULER_LEASE_ID = 'job:scheduler';

const DUPLICATE_KEY = 11000;

/** Options of createJobLease. */
export interface JobLeaseOptions {
  nodeId: string;
  leaseMs: number;
  /** Period of the take-or-renew attempts (default a third of leaseMs). */
  renewMs?: number;
  logger: Logger;
  /** Lease document id (default SCHEDULER_LEASE_ID). */
  id?: string;
  now?: () => number;
  /** Timer of the attempts (tests pass none and call `tick()` themselves). */
  every?: (fn: () => void, ms: number) => { stop(): void } | null;
}

/** The lease of a cluster-wide job runner. */
export interface JobLease {
  /** True while this node holds the lease (by its own clock, until the last write's expiry). */
  held(): boolean;
  /** Takes or renews the lease now; resolves to `held()`. */
  tick(): Promise<boolean>;
  /** Stops the attempts and releases the lease when held, so another node takes it at once. */
  stop(): Promise<void>;
}

const realEvery = (fn: () => void, ms: number): { stop(): void } => {
  const timer = setInterval(fn, ms);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};

/** Starts taking or renewing the lease (first attempt at once). */
export function createJobLease(opts: JobLeaseOptions): JobLease {
  const id = opts.id ?? SCHEDULER_LEASE_ID;
  const now = opts.now ?? Date.now;
  const log = opts.logger.child({ module: 'job-lease', leaseId: id });
  let heldUntil = 0;
  let stopped = false;
  let running: Promise<boolean> | null = null;

  const held = (): boolean => !stopped && heldUntil > now();

  const attempt = async (): Promise<boolean> => {
    const at = now();
    const was = held();
    try {
      // No projection: FerretDB rejects projections in findAndModify.
      const doc = await SessionLease.findOneAndUpdate(
        { _id: id, $or: [{ owner: opts.nodeId }, { owner: null }, { expiresAt: { $lte: new Date(at) } }] },
        { $set: { owner: opts.nodeId, expiresAt: new Date(at + opts.leaseMs), updatedAt: new Date(at) }, ...(was ? {} : { $inc: { token: 1 } }) },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      heldUntil = doc?.owner === opts.nodeId ? at + opts.leaseMs : 0;
    } catch (err) {
      // The upsert's insert collided: another node holds a live lease.
      if ((err as { code?: unknown }).code === DUPLICATE_KEY) heldUntil = 0;
      // Database trouble: keep what we had; it lapses by itself at its expiry.
      else log.warn({ err }, 'job lease attempt failed');
    }
    if (held() !== was) log.info({ held: held() }, held() ? 'this node now runs the scheduled jobs' : 'another node runs the scheduled jobs');
    return held();
  };

  const tick = (): Promise<boolean> => {
    if (stopped) return Promise.resolve(false);
    running ??= attempt().finally(() => (running = null));
    return running;
  };

  const timer = (opts.every ?? realEvery)(() => void tick(), opts.renewMs ?? Math.floor(opts.leaseMs / 3));
  void tick();

  return {
    held,
    tick,
    async stop() {
      if (stopped) return;
      timer?.stop();
      await running?.catch(() => undefined);
      const wasHeld = held();
      stopped = true;
      if (!wasHeld) return;
      const at = now();
      await SessionLease.updateOne({ _id: id, owner: opts.nodeId }, { $set: { owner: null, expiresAt: new Date(at), updatedAt: new Date(at) } }).catch((err: unknown) =>
        log.warn({ err }, 'job lease not released (it expires by itself)'),
      );
    },
  };
}
