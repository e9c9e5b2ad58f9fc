/**
 * One forked session actor: fork → `init` → wait for `ready` (or fail the start) → typed
 * calls over IPC → stop with `shutdown` → grace → SIGKILL. Every pending call is rejected
 * when the child exits, and the exit is classified (exit codes are protocol).
 */
import type { ChildProcess } from 'node:child_process';
import {
  classifyExit,
  createRpcClient,
  barrierDoneEnvelope,
  initEnvelope,
  isFromActor,
  RPC_ERROR_CODES,
  RpcError,
  shutdownEnvelope,
  withKind,
  type ActorCommands,
  type ActorEvent,
  type ActorInitConfig,
  type CommandName,
  type CommandReq,
  type CommandRes,
  type ExitInfo,
  type ExitKind,
  type HeartbeatEnvelope,
  type RpcClient,
  type ToActor,
} from '@switchboard/shared';
import type { Logger } from 'pino';
import { launchOf } from './childSpec.ts';
import { forkActor, type WarmPool } from './warmPool.ts';

/** What an ActorHandle needs to fork and talk to one actor. */
export interface ActorHandleOptions {
  config: ActorInitConfig;
  logger: Logger;
  /** Milliseconds to wait for `ready` after `init`. */
  readyTimeoutMs: number;
  /** Default timeout of a command call. */
  callTimeoutMs: number;
  onEvent(event: ActorEvent): void;
  /** The actor asks whether every event it sent so far is stored; answer with `barrierDone`. */
  onBarrier(id: number): void;
  onHeartbeat(h: HeartbeatEnvelope): void;
  /** Called once when the child is gone, with the classified (possibly relabelled) exit. */
  onExit(info: ExitInfo): void;
  /** Actor entry module (.ts runs under tsx, .js plain); defaults to the precompiled session actor. */
  entry?: string;
  /** Clock (epoch ms); injectable for tests. */
  now?: () => number;
}

/** Raised when an actor does not become ready (exit before ready, or no ready in time). */
export class FailedStartError extends RpcError {
  override name = 'FailedStartError';
  constructor(message: string) {
    super('actor_failed_start', message);
  }
}

/** A live child process running one session actor. */
export class ActorHandle {
  readonly pid: number;
  readonly startedAt: number;
  /** Epoch ms of the last heartbeat, or of the start when none arrived yet. */
  lastHeartbeatAt: number;
  lastHeartbeat: HeartbeatEnvelope | null = null;
  /** Resolves with the classified exit once the child is gone. */
  readonly exited: Promise<ExitInfo>;
  /** Resolves when the actor reported `ready`; rejects with FailedStartError otherwise. */
  readonly ready: Promise<void>;
  /** True once `ready` arrived. */
  isReady = false;
  private readonly rpc: RpcClient<ActorCommands>;
  private relabel: ExitKind | null = null;
  private gone = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly opts: ActorHandleOptions,
    private readonly log: Logger,
  ) {
    const now = opts.now ?? Date.now;
    this.pid = child.pid ?? -1;
    this.startedAt = now();
    this.lastHeartbeatAt = this.startedAt;
    this.rpc = createRpcClient<ActorCommands>((req) => this.post(req), {
      timeoutMs: opts.callTimeoutMs,
      onLateReply: (r) => this.log.warn({ id: r.id, ok: r.ok }, 'late reply ignored'),
    });
    this.exited = new Promise((resolve) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (this.gone) return;
        this.gone = true;
        const raw = classifyExit(code, signal);
        const info = this.relabel ? withKind(raw, this.relabel) : raw;
        this.rpc.rejectAll(new RpcError(RPC_ERROR_CODES.ACTOR_EXITED, `actor exited (${info.kind}, code ${code}, signal ${signal})`));
        this.log.info({ code, signal, kind: info.kind }, 'actor exited');
        resolve(info);
        opts.onExit(info);
      };
      child.once('exit', finish);
      child.on('error', (err) => {
        this.log.warn({ err }, 'actor process error');
        // A child that could not be spawned never emits 'exit': report it as a crash.
        if (child.pid === undefined) finish(1, null);
      });
    });
    child.on('message', (msg) => this.route(msg, now));
    this.ready = this.awaitReady().then(() => {
      this.isReady = true;
      // Heartbeats are judged from `ready` on: the start phase has its own timeout.
      this.lastHeartbeatAt = now();
    });
    this.ready.catch(() => undefined);
  }

  /**
   * Forks the actor (or takes a warm one from `pool`) and sends `init`. The handle is returned
   * at once; `ready` settles when the actor reports ready, or rejects (and the child is killed)
   * when it does not in time. Every end, failed starts included, is reported once through `onExit`.
   */
  static spawn(opts: ActorHandleOptions, pool?: WarmPool): ActorHandle {
    const log = opts.logger.child({ sessionId: opts.config.sessionId });
    const launch = launchOf(opts.entry, log);
    const child = pool?.take(launch) ?? forkActor(launch);
    return new ActorHandle(child, opts, log.child({ pid: child.pid }));
  }

  private awaitReady(): Promise<void> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const onMessage = (msg: unknown): void => {
        if (isFromActor(msg) && msg.kind === 'ready') done(null);
      };
      const timer = setTimeout(
        () => done(new FailedStartError(`no ready within ${this.opts.readyTimeoutMs} ms`), 'failed_start'),
        this.opts.readyTimeoutMs,
      );
      const done = (err: Error | null, kill?: ExitKind): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        if (!err) return resolve();
        if (kill) this.kill(kill);
        reject(err);
      };
      this.child.on('message', onMessage);
      void this.exited.then((info) => done(new FailedStartError(`exited before ready (${info.kind}, code ${info.code})`)));
      if (!this.post(initEnvelope(this.opts.config))) done(new FailedStartError('could not send init'));
    });
  }

  private route(msg: unknown, now: () => number): void {
    if (!isFromActor(msg)) {
      this.log.warn('malformed message from actor ignored');
      return;
    }
    switch (msg.kind) {
      case 'res':
        this.rpc.handleReply(msg);
        return;
      case 'event':
        this.opts.onEvent(msg.event);
        return;
      case 'barrier':
        this.opts.onBarrier(msg.id);
        return;
      case 'heartbeat':
        this.lastHeartbeatAt = now();
        this.lastHeartbeat = msg;
        this.opts.onHeartbeat(msg);
        return;
      case 'ready':
        return;
    }
  }

  private post(msg: ToActor): boolean {
    if (this.gone || !this.child.connected) return false;
    try {
      return this.child.send(msg);
    } catch {
      return false;
    }
  }

  /** True while the child process runs. */
  get alive(): boolean {
    return !this.gone;
  }

  /** Calls a command on the actor (rejects with an RpcError on timeout, exit or remote failure). */
  call<C extends CommandName>(cmd: C, args: CommandReq<C>, opts?: { timeoutMs?: number }): Promise<CommandRes<C>> {
    return this.rpc.call(cmd, args, opts);
  }

  /** SIGKILLs the child now; its exit is reported with `kind` (e.g. 'hung'). */
  /** Answers the actor's barrier `id` (see `onBarrier`). */
  barrierDone(id: number, stored: boolean): void {
    this.post(barrierDoneEnvelope(id, stored));
  }

  kill(kind: ExitKind): void {
    if (this.gone) return;
    this.relabel ??= kind;
    this.child.kill('SIGKILL');
  }

  /**
   * Asks the actor to flush and close (`shutdown`), waits `graceMs`, then SIGKILLs it.
   * `kind` relabels the exit (e.g. 'recycled'); leave it out for an operator stop.
   */
  async stop(graceMs: number, kind?: ExitKind): Promise<ExitInfo> {
    if (kind) this.relabel ??= kind;
    if (this.gone) return this.exited;
    if (!this.post(shutdownEnvelope(graceMs))) this.child.kill('SIGKILL');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs + 250);
    const info = await this.exited;
    clearTimeout(timer);
    return info;
  }
}
