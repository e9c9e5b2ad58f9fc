/**
 * SessionHub of a cluster node: commands for a session this node holds (its lease) go to the
 * local hub (the Supervisor's LocalHub); the others are forwarded to the owner over Redis
 * (nodeRpc.ts) and wait for its answer. With no live lease:
 *  - `start` / `resetAttempts` place the session on the least-loaded node (this one acquires
 *    the lease itself, or forwards to the chosen node, which does);
 *  - the other commands answer 503 `session_moving` while the Session is active (its lease
 *    is between owners), and run locally when it is stopped (a stored send waits in the outbox,
 *    a call gets `actor_not_running`, exactly as on a single node).
 * Events: `subscribe` gives this node's actors' events only, so per-session background work in
 * the gateway (webhooks, alerts) runs on the owner only; Socket.IO fans them out (attachRealtime).
 * Snapshots come from the local hub for held sessions, else from the board.
 */
import {
  type AcceptedSend,
  type ActorSnapshot,
  type CommandName,
  type CommandReq,
  type CommandRes,
  type HubEvent,
  type OutgoingMessageInput,
  type SessionHub,
} from '@switchboard/shared';
import { Session } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { buildHealthReport, type HealthReport } from '../../health/healthReport.ts';
import { sessionMoving } from './errors.ts';
import type { NodeRequest, NodeRpc } from './nodeRpc.ts';
import type { SnapshotBoard } from './snapshotBoard.ts';

/** What routing needs of the lease keeper (engineer A's `createLeaseKeeper`). */
export interface RoutingLeases {
  holds(sessionId: string): boolean;
  acquire(sessionId: string): Promise<boolean>;
  ownerOf(sessionId: string): Promise<{ nodeId: string; url: string } | null>;
}

/** What routing needs of the node registry (`createNodeRegistry`). */
export interface RoutingPlacement {
  /** The live node with the fewest sessions (then least RSS); `_id` is its nodeId. */
  leastLoaded(): Promise<{ _id: string }>;
}

/** Timeouts of forwarded commands, in ms. */
export interface ForwardTimeouts {
  /** Added to a `call`'s own timeout (default actor timeout when none) for the hop. */
  hopMs: number;
  /** A `call` without its own timeout. */
  callMs: number;
  /** `stop` (waits for the actor's graceful stop). */
  stopMs: number;
  /** `start`, `send`, `retry`, `resetAttempts`. */
  otherMs: number;
}

const DEFAULT_TIMEOUTS: ForwardTimeouts = { hopMs: 2_000, callMs: 30_000, stopMs: 30_000, otherMs: 10_000 };

/** The local engine the routed hub drives (the Supervisor's LocalHub, `supervisor.hub`). */
export type LocalHub = SessionHub;

/** Options of RoutedHub. */
export interface RoutedHubOptions {
  nodeId: string;
  local: LocalHub;
  leases: RoutingLeases;
  placement: RoutingPlacement;
  /** Set once the Redis endpoint exists (it needs `serve` of this hub). */
  rpc?: NodeRpc;
  board?: SnapshotBoard;
  logger: Logger;
  timeouts?: Partial<ForwardTimeouts>;
  now?: () => number;
}

/** SessionHub over the local hub and the other nodes (see the module comment). */
export class RoutedHub implements SessionHub {
  private readonly log: Logger;
  private readonly timeouts: ForwardTimeouts;
  private readonly now: () => number;
  rpc: NodeRpc | undefined;
  board: SnapshotBoard | undefined;

  constructor(private readonly opts: RoutedHubOptions) {
    this.log = opts.logger.child({ module: 'routed-hub', nodeId: opts.nodeId });
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
    this.now = opts.now ?? Date.now;
    this.rpc = opts.rpc;
    this.board = opts.board;
  }

  async start(sessionId: string): Promise<void> {
    await this.place(sessionId, { op: 'start', sessionId, args: [] });
  }

  async resetAttempts(sessionId: string): Promise<void> {
    await this.place(sessionId, { op: 'resetAttempts', sessionId, args: [] });
  }

  async stop(sessionId: string, opts?: { logout?: boolean }): Promise<void> {
    await this.route({ op: 'stop', sessionId, args: [opts] }, { whenFree: 'local' });
  }

  call<C extends CommandName>(sessionId: string, command: C, req: CommandReq<C>, opts?: { timeoutMs?: number }): Promise<CommandRes<C>> {
    return this.route({ op: 'call', sessionId, args: [command, req, opts] }, { whenFree: 'moving' }) as Promise<CommandRes<C>>;
  }

  send(sessionId: string, input: OutgoingMessageInput): Promise<AcceptedSend> {
    return this.route({ op: 'send', sessionId, args: [input] }, { whenFree: 'moving' }) as Promise<AcceptedSend>;
  }

  retry(sessionId: string, messageId: string): Promise<AcceptedSend> {
    return this.route({ op: 'retry', sessionId, args: [messageId] }, { whenFree: 'moving' }) as Promise<AcceptedSend>;
  }

  /** This node's actors' events (the owner's); Socket.IO carries them to the other nodes. */
  subscribe(listener: (event: HubEvent) => void): () => void {
    return this.opts.local.subscribe(listener);
  }

  snapshot(sessionId: string): ActorSnapshot | undefined {
    if (this.opts.leases.holds(sessionId)) return this.opts.local.snapshot(sessionId);
    return this.board?.get(sessionId) ?? this.opts.local.snapshot(sessionId);
  }

  snapshots(): ActorSnapshot[] {
    const out = new Map<string, ActorSnapshot>();
    // Stale local records first (sessions stopped here), then the owners' views, then ours.
    for (const s of this.opts.local.snapshots()) if (!this.opts.leases.holds(s.sessionId)) out.set(s.sessionId, s);
    for (const s of this.board?.all() ?? []) out.set(s.sessionId, s);
    for (const s of this.heldSnapshots()) out.set(s.sessionId, s);
    return [...out.values()];
  }

  /** Snapshots of the sessions this node holds (what it publishes on the board). */
  heldSnapshots(): ActorSnapshot[] {
    return this.opts.local.snapshots().filter((s) => this.opts.leases.holds(s.sessionId));
  }

  /** Health of every session of the cluster, as far as the snapshots tell. */
  healthReport(): HealthReport {
    return buildHealthReport(this.snapshots(), this.now());
  }

  /**
   * Serves a command forwarded by another node. A session this node no longer holds answers
   * `session_moving` (the caller's view of the owner was stale); `start` and `resetAttempts`
   * acquire the lease first when it is free (placement chose this node).
   */
  async serve(req: NodeRequest): Promise<unknown> {
    const { sessionId } = req;
    if (!this.opts.leases.holds(sessionId)) {
      const placing = req.op === 'start' || req.op === 'resetAttempts';
      if (!placing || !(await this.opts.leases.acquire(sessionId))) throw sessionMoving(sessionId, `node ${this.opts.nodeId} does not hold it`);
    }
    return this.runLocal(req);
  }

  private runLocal(req: NodeRequest): Promise<unknown> {
    const local = this.opts.local;
    const { sessionId, args } = req;
    switch (req.op) {
      case 'start':
        return local.start(sessionId);
      case 'resetAttempts':
        return local.resetAttempts(sessionId);
      case 'stop':
        return local.stop(sessionId, args[0] as { logout?: boolean } | undefined);
      case 'call':
        return local.call(sessionId, args[0] as CommandName, args[1] as never, args[2] as { timeoutMs?: number } | undefined);
      case 'send':
        return local.send(sessionId, args[0] as OutgoingMessageInput);
      case 'retry':
        return local.retry(sessionId, args[0] as string);
    }
  }

  /** Runs a command where the session lives; `whenFree` says what to do when nobody holds it. */
  private async route(req: NodeRequest, how: { whenFree: 'local' | 'moving' }): Promise<unknown> {
    const { sessionId } = req;
    if (this.opts.leases.holds(sessionId)) return this.runLocal(req);
    const owner = await this.opts.leases.ownerOf(sessionId);
    if (owner && owner.nodeId !== this.opts.nodeId) return this.forward(owner.nodeId, req);
    if (owner || how.whenFree === 'local' || !(await this.isActive(sessionId))) return this.runLocal(req);
    throw sessionMoving(sessionId, 'no node holds its lease');
  }

  /** `start` / `resetAttempts`: at the owner, or on the least-loaded node when nobody holds it. */
  private async place(sessionId: string, req: NodeRequest): Promise<unknown> {
    if (this.opts.leases.holds(sessionId)) return this.runLocal(req);
    const owner = await this.opts.leases.ownerOf(sessionId);
    if (owner) return owner.nodeId === this.opts.nodeId ? this.runLocal(req) : this.forward(owner.nodeId, req);
    // The Session must exist before a lease is taken for it (the local engine says 404 otherwise).
    if (!(await Session.exists({ sessionId }))) return this.runLocal(req);
    const target = (await this.opts.placement.leastLoaded())._id;
    this.log.info({ sessionId, target }, 'placing session');
    if (target !== this.opts.nodeId) return this.forward(target, req);
    if (await this.opts.leases.acquire(sessionId)) return this.runLocal(req);
    // Another node took it meanwhile: ask it.
    const now = await this.opts.leases.ownerOf(sessionId);
    if (now && now.nodeId !== this.opts.nodeId) return this.forward(now.nodeId, req);
    throw sessionMoving(sessionId, 'its lease could not be acquired');
  }

  private forward(nodeId: string, req: NodeRequest): Promise<unknown> {
    if (!this.rpc) throw sessionMoving(req.sessionId, 'cluster routing is not ready');
    this.log.debug({ sessionId: req.sessionId, op: req.op, to: nodeId }, 'forwarding command');
    return this.rpc.request(nodeId, req, this.timeoutOf(req));
  }

  private timeoutOf(req: NodeRequest): number {
    const t = this.timeouts;
    if (req.op === 'call') return ((req.args[2] as { timeoutMs?: number } | undefined)?.timeoutMs ?? t.callMs) + t.hopMs;
    if (req.op === 'stop') return t.stopMs + t.hopMs;
    return t.otherMs + t.hopMs;
  }

  private async isActive(sessionId: string): Promise<boolean> {
    const doc = await Session.findOne({ sessionId }, { active: 1 }).lean();
    return !!doc?.active;
  }
}
