/**
 * Cluster mode: decides which sessions run on this node. It holds their leases (renewed every
 * `renewMs`), adopts free ones (never taken, released, or expired because their node died) up
 * to this node's fair share with bounded concurrency, and stops an actor at once when its
 * lease is lost or cannot be renewed in time (self-fencing, `safetyMarginMs` before expiry).
 * The Supervisor keeps spawning and restarting; the keeper only calls start / evict.
 *
 * from: server/src/main.ts / nodeProcess (composition) → here (leases.ts) → next: Supervisor.start with the
 * lease's token as the actor's fence (Supervisor.useFencing).
 */
import type { SessionStatus } from '@switchboard/shared';
import { Session } from '@switchboard/shared/node';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import type { LocalHub } from '../LocalHub.ts';
import type { Supervisor } from '../Supervisor.ts';
import type { SupervisorFencing } from './fencing.ts';
import { acquireLease, freeSessions, leaseOwner, releaseLease, renewLease, renewLeases, type HeldLease } from './leases.ts';
import type { NodeRegistry } from './nodeRegistry.ts';
import { adoptionQuota } from './placement.ts';

/** Statuses no node brings back on its own (as Supervisor.restoreAll). */
const NOT_RESTORED: SessionStatus[] = ['logged_out', 'replaced', 'problematic'];

/** Options of `createLeaseKeeper`. */
export interface LeaseKeeperOptions {
  nodeId: string;
  /** Its hub's snapshots give the actors' memory reported to the registry. */
  supervisor: Pick<Supervisor, 'start' | 'evict' | 'useFencing' | 'warm'> & { readonly hub: Pick<LocalHub, 'snapshots'> };
  /** How long a lease lasts without renewal. */
  leaseMs: number;
  /** Interval of renewals and adoption rounds (well under leaseMs, e.g. a third). */
  renewMs: number;
  /** Sessions acquired and started at once while adopting or draining. */
  adoptConcurrency: number;
  /** Actors are stopped this long before their lease would expire unrenewed (default renewMs). */
  safetyMarginMs?: number;
  /** Placement: live nodes and their load. Without it this node takes every free session. */
  registry?: NodeRegistry;
  clock?: () => number;
  random?: () => number;
  /**
   * Runs `fn` in `ms` (default: setTimeout); returns a cancel. Used to look for free sessions
   * right when another node's lease expires instead of at the next round (failover time).
   */
  schedule?: (fn: () => void, ms: number) => () => void;
  logger: Logger;
}

/** Look again this long after a lease's expiry (clock granularity, the lease write landing). */
const EXPIRY_SLACK_MS = 50;

const setTimer = (fn: () => void, ms: number): (() => void) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return () => clearTimeout(t);
};

/** This node's leases. */
export interface LeaseKeeper extends SupervisorFencing {
  /** Adopts this node's share of free sessions now, then renews and adopts every `renewMs`. */
  start(): Promise<void>;
  /** Stops renewing (leases then expire, and other nodes adopt them). */
  stop(): Promise<void>;
  /** Hands every session over before exit: stops its actor gracefully and releases its lease. */
  drain(): Promise<void>;
  /** True while this node holds the session's lease (and is not within the safety margin of its expiry). */
  holds(sessionId: string): boolean;
  /** The fencing token of this node's lease on the session. */
  tokenOf(sessionId: string): number | undefined;
  /** Who serves a session: its owner's id and URL, or null while it is moving. */
  ownerOf(sessionId: string): Promise<{ nodeId: string; url: string } | null>;
  /** The sessions this node holds. */
  held(): string[];
  /** One renewal round, then an adoption round unless one is still running (the timer runs them; exposed for tests). */
  tick(): Promise<void>;
}

/** Creates the lease keeper of this node (call `start()`). */
export function createLeaseKeeper(opts: LeaseKeeperOptions): LeaseKeeper {
  const clock = opts.clock ?? Date.now;
  const random = opts.random ?? Math.random;
  const schedule = opts.schedule ?? setTimer;
  let cancelWake: (() => void) | null = null;
  const margin = opts.safetyMarginMs ?? opts.renewMs;
  const log = opts.logger.child({ module: 'lease-keeper', nodeId: opts.nodeId });
  const leases = new Map<string, HeldLease>();
  let timer: NodeJS.Timeout | null = null;
  // Renewal and adoption run apart: a slow adoption (several database writes and actor starts
  // per session) must never hold up the next renewal, or every held lease would self-fence.
  let renewing: Promise<void> | null = null;
  let adopting: Promise<void> | null = null;
  /** A round was asked for while one ran: run it after. */
  let again = false;
  let draining = false;
  let stopped = false;

  const lose = (sessionId: string, reason: string): void => {
    if (!leases.delete(sessionId)) return;
    log.warn({ sessionId, reason }, 'lease lost, stopping the actor');
    opts.supervisor.evict(sessionId, { graceful: false, reason }).catch((err: unknown) => log.error({ err, sessionId }, 'evict failed'));
  };

  /** Stops every actor whose lease may be gone before a renewal can land (checked before any await). */
  const selfFence = (): void => {
    const now = clock();
    for (const lease of [...leases.values()]) {
      if (now >= lease.expiresAt - margin) lose(lease.sessionId, `lease not renewed in time (expires ${new Date(lease.expiresAt).toISOString()})`);
    }
  };

  const renewAll = async (): Promise<void> => {
    // All at once first (one request); one by one only when some lease moved (to tell which).
    const now = clock();
    const all = await renewLeases([...leases.values()], opts.nodeId, opts.leaseMs, now).catch((err: unknown) => {
      log.warn({ err, leases: leases.size }, 'lease renewal failed');
      return null;
    });
    if (all !== false) return; // renewed, or the database failed: selfFence handles a lasting failure
    const limit = pLimit(Math.max(1, opts.adoptConcurrency));
    await Promise.all(
      [...leases.values()].map((lease) =>
        limit(async () => {
          try {
            if (!(await renewLease(lease, opts.nodeId, opts.leaseMs, clock()))) lose(lease.sessionId, 'lease taken over by another node');
          } catch (err) {
            // Kept until the safety margin: selfFence stops the actor if renewals keep failing.
            log.warn({ err, sessionId: lease.sessionId }, 'lease renewal failed');
          }
        }),
      ),
    );
  };

  const adopt = async (): Promise<void> => {
    const active = await Session.find({ active: true, status: { $nin: NOT_RESTORED } }, { sessionId: 1 }).lean();
    const found = await freeSessions(active.map((d) => d.sessionId).filter((id) => !leases.has(id)), clock());
    const free = shuffle(found.free, random);
    // A node whose leases lapsed serves them no more: it does not count in the fair share even
    // while its heartbeat is still fresh (heartbeats and renewals run on separate timers, so a
    // dead node may look live for a few seconds after its leases expire).
    const lapsed = new Set(found.lapsedOwners.filter((id) => id !== opts.nodeId));
    const nodes = opts.registry ? (await opts.registry.list()).filter((n) => !lapsed.has(n._id)) : [];
    const quota = adoptionQuota({ nodeId: opts.nodeId, held: leases.size, total: active.length, free: free.length, nodes, draining });
    wakeAt(found.nextExpiry);
    opts.supervisor.warm(expectedAdoptions(nodes));
    if (quota === 0) return;
    // Workers take the next free session until this node has its quota: one that another node
    // acquired first is skipped for the next, so a race never leaves free sessions for a round.
    const queue = [...free];
    let adopted = 0;
    let trying = 0;
    const worker = async (): Promise<void> => {
      while (!draining && !stopped && adopted + trying < quota) {
        const sessionId = queue.shift();
        if (sessionId === undefined) return;
        trying += 1;
        const ok = await keeper.acquire(sessionId).finally(() => (trying -= 1));
        if (!ok) continue;
        adopted += 1;
        log.info({ sessionId, fence: keeper.tokenOf(sessionId) }, 'session adopted');
        await opts.supervisor.start(sessionId).catch((err: unknown) => {
          log.error({ err, sessionId }, 'adopted session did not start');
          void release(sessionId);
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(Math.max(1, opts.adoptConcurrency), quota) }, worker));
  };

  /**
   * Another node's lease expires before the next round: look again right then. A live node
   * renews well before (its leases are always more than a round away at our rounds), so this
   * only fires for leases nobody renews any more: a dead node's sessions move a round sooner.
   */
  const wakeAt = (expiry: number | null): void => {
    cancelWake?.();
    cancelWake = null;
    if (expiry === null || stopped || draining) return;
    const ms = expiry - clock() + EXPIRY_SLACK_MS;
    if (ms >= opts.renewMs) return;
    cancelWake = schedule(() => {
      cancelWake = null;
      if (!stopped && !draining) void adoptOnce();
    }, Math.max(0, ms));
  };

  /**
   * Sessions this node should expect to adopt soon: its share of those held by nodes that
   * missed a heartbeat (a node that died, before its leases expire). The supervisor keeps that
   * many actors warm, so the failover does not wait for their modules to load (warmPool.ts).
   */
  const expectedAdoptions = (nodes: readonly { _id: string; heartbeatAt: Date; sessions: number; draining: boolean }[]): number => {
    const now = clock();
    const silent = nodes.filter((n) => n._id !== opts.nodeId && now - n.heartbeatAt.getTime() > opts.renewMs * 1.5);
    const orphans = silent.reduce((sum, n) => sum + n.sessions, 0);
    if (orphans === 0) return 0;
    const serving = new Set(nodes.filter((n) => !n.draining && !silent.includes(n)).map((n) => n._id)).add(opts.nodeId);
    return Math.min(Math.ceil(orphans / serving.size), Math.max(1, opts.adoptConcurrency));
  };

  const acquiring = new Map<string, Promise<boolean>>();

  /**
   * Takes the session's lease. One this node still holds, within the safety margin of its
   * expiry, is extended with the same token: a new token would fence out the actor already
   * running under the old one while this node keeps the session.
   */
  const acquireOnce = async (sessionId: string): Promise<boolean> => {
    const held = leases.get(sessionId);
    if (held) {
      if (await renewLease(held, opts.nodeId, opts.leaseMs, clock())) return true;
      lose(sessionId, 'lease taken over by another node');
    }
    const lease = await acquireLease(sessionId, opts.nodeId, opts.leaseMs, clock());
    if (!lease) return false;
    leases.set(sessionId, lease);
    return true;
  };

  const release = async (sessionId: string): Promise<void> => {
    const lease = leases.get(sessionId);
    leases.delete(sessionId);
    if (lease) await releaseLease(lease, opts.nodeId, clock()).catch((err: unknown) => log.warn({ err, sessionId }, 'lease release failed'));
  };

  const report = (): void => {
    const actorsRss = opts.supervisor.hub.snapshots().reduce((sum, s) => sum + (s.rssBytes ?? 0), 0);
    opts.registry?.report({ sessions: leases.size, rssBytes: process.memoryUsage.rss() + actorsRss });
  };

  const renewRound = async (): Promise<void> => {
    selfFence();
    await renewAll();
    report();
  };

  const adoptRound = async (): Promise<void> => {
    if (!draining && !stopped) await adopt();
    report();
  };

  /**
   * An adoption round. While one runs, another is owed right after it: a lease that expires
   * during a round (its wake-up fires then) must not wait for the next timer round.
   */
  const adoptOnce = (): Promise<void> => {
    if (adopting) {
      again = true;
      return adopting;
    }
    adopting = adoptRound()
      .catch((err: unknown) => log.error({ err }, 'lease adoption round failed'))
      .finally(() => {
        adopting = null;
        if (again && !stopped && !draining) {
          again = false;
          void adoptOnce();
        }
      });
    return adopting;
  };

  const keeper: LeaseKeeper = {
    async start() {
      opts.supervisor.useFencing(keeper);
      await opts.registry?.start();
      await keeper.tick();
      opts.supervisor.warm();
      timer = setInterval(() => void keeper.tick(), opts.renewMs);
    },
    async stop() {
      stopped = true;
      cancelWake?.();
      if (timer) clearInterval(timer);
      timer = null;
      await Promise.all([renewing, adopting]);
      await opts.registry?.stop();
    },
    async drain() {
      draining = true;
      await opts.registry?.setDraining(true).catch((err: unknown) => log.warn({ err }, 'draining flag not written'));
      const ids = [...leases.keys()];
      log.info({ sessions: ids.length }, 'draining: handing sessions over');
      const limit = pLimit(Math.max(1, opts.adoptConcurrency));
      // Leases keep being renewed (the timer runs) while each actor stops gracefully, then each is released.
      await Promise.all(
        ids.map((sessionId) =>
          limit(async () => {
            await opts.supervisor.evict(sessionId, { graceful: true, reason: 'node draining' });
            await release(sessionId);
          }),
        ),
      );
      await keeper.stop();
    },
    tick() {
      // Renewals every tick (one at a time); then an adoption, unless one is still running.
      renewing ??= renewRound()
        .catch((err: unknown) => log.error({ err }, 'lease renewal round failed'))
        .finally(() => {
          renewing = null;
        });
      return renewing.then(adoptOnce);
    },
    holds(sessionId) {
      const lease = leases.get(sessionId);
      return !!lease && clock() < lease.expiresAt - margin;
    },
    tokenOf(sessionId) {
      return leases.get(sessionId)?.token;
    },
    fenceOf(sessionId) {
      return keeper.holds(sessionId) ? leases.get(sessionId)!.token : undefined;
    },
    acquire(sessionId) {
      if (keeper.holds(sessionId)) return Promise.resolve(true);
      if (draining || stopped) return Promise.resolve(false);
      // One acquisition per session at a time: an adoption round and a start placed on this node
      // can ask together, and two acquisitions would take two tokens, the actor forked with the
      // first while the hub stamps sends with the second (which that actor can never claim).
      let pending = acquiring.get(sessionId);
      if (!pending) {
        pending = acquireOnce(sessionId).finally(() => acquiring.delete(sessionId));
        acquiring.set(sessionId, pending);
      }
      return pending;
    },
    ownerOf(sessionId) {
      return leaseOwner(sessionId, clock());
    },
    held() {
      return [...leases.keys()];
    },
  };
  return keeper;
}

/** A shuffled copy (Fisher–Yates), so nodes adopting at once try different sessions first. */
function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
