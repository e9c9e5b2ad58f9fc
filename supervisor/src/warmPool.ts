/**
 * Warm actors: a few session-actor processes forked ahead of need, with their modules loaded
 * (Baileys, the database driver: ~1.4 s of CPU per process) and waiting for an `init`. A start
 * takes one and sends it its session, so a restart after a crash, or a failover that moves a
 * dead node's sessions here, does not pay that import on its critical path.
 *
 * The pool refills only while no actor is starting (the Supervisor calls `fill` when the last
 * start settles): forking a spare must never take CPU from the starts it exists to speed up.
 * A warm process holds no session and no secret; it exits with its parent (IPC disconnect).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { WARM_ACTOR_ENV } from '@switchboard/shared';
import type { Logger } from 'pino';
import { actorEnv, type ActorLaunch } from './childSpec.ts';

/** Options of `new WarmPool(...)`. */
export interface WarmPoolOptions {
  /** Spare processes kept (0 disables the pool). */
  size: number;
  /** What to fork (the same launch a cold start would use). */
  launch: () => ActorLaunch;
  logger: Logger;
  /** Forks one process (tests inject a counting wrapper); defaults to child_process.fork. */
  forkChild?: (launch: ActorLaunch) => ChildProcess;
}

/** Forks a session actor process as ActorHandle does, but without sending it anything. */
export function forkActor(launch: ActorLaunch, extraEnv: NodeJS.ProcessEnv = {}): ChildProcess {
  return fork(launch.entry, [], {
    execArgv: launch.execArgv,
    env: { ...actorEnv(), ...extraEnv },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'json',
  });
}

interface Spare {
  child: ChildProcess;
  entry: string;
  onExit: () => void;
}

/** Spare actor processes of one Supervisor. */
export class WarmPool {
  private readonly spares: Spare[] = [];
  private readonly log: Logger;
  private closed = false;
  private target: number;

  constructor(private readonly opts: WarmPoolOptions) {
    this.log = opts.logger.child({ module: 'warm-pool' });
    this.target = Math.max(0, opts.size);
  }

  /** Process ids of the spares, oldest first. */
  pids(): number[] {
    return this.spares.map((s) => s.child.pid ?? -1);
  }

  /**
   * A spare process for `launch`, or null (none left, or forked for another entry module).
   * The caller owns it from now on and sends it its `init`.
   */
  take(launch: ActorLaunch): ChildProcess | null {
    const i = this.spares.findIndex((s) => s.entry === launch.entry && s.child.connected);
    if (i < 0) return null;
    const [spare] = this.spares.splice(i, 1);
    spare!.child.off('exit', spare!.onExit);
    return spare!.child;
  }

  /**
   * Keeps at least `count` spares until the next `fill` (e.g. a node that expects to adopt a
   * dead node's sessions soon); never below the configured size.
   */
  expect(count: number): void {
    this.target = Math.max(this.opts.size, count);
  }

  /** Forks spares up to the pool's size (call when no actor is starting). */
  fill(): void {
    if (this.closed) return;
    const missing = this.target - this.spares.length;
    if (missing <= 0) return;
    const launch = this.opts.launch();
    for (let n = 0; n < missing; n += 1) this.add(launch);
    this.log.debug({ forked: missing, spares: this.spares.length }, 'warm actors forked');
  }

  /** Ends every spare process (supervisor shutdown); resolves once they are gone. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.spares.splice(0).map((spare) => {
        spare.child.off('exit', spare.onExit);
        if (spare.child.exitCode !== null || spare.child.signalCode !== null) return undefined;
        const gone = new Promise((resolve) => spare.child.once('exit', resolve));
        spare.child.kill('SIGKILL');
        return gone;
      }),
    );
  }

  private add(launch: ActorLaunch): void {
    const child = (this.opts.forkChild ?? ((l) => forkActor(l, { [WARM_ACTOR_ENV]: '1' })))(launch);
    const spare: Spare = {
      child,
      entry: launch.entry,
      onExit: () => {
        const i = this.spares.indexOf(spare);
        if (i >= 0) this.spares.splice(i, 1);
        if (!this.closed) this.log.warn({ pid: child.pid, code: child.exitCode, signal: child.signalCode }, 'warm actor exited before it was used');
      },
    };
    child.once('exit', spare.onExit);
    child.on('error', (err) => {
      this.log.warn({ err }, 'warm actor process error');
      if (child.pid === undefined) spare.onExit(); // never spawned: no 'exit' will come
    });
    this.spares.push(spare);
  }
}
