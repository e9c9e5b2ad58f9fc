/**
 * Everything the Supervisor needs, injected once (STYLE.md habit 8). The server package builds
 * it from the validated config (server/src/fromConfig.ts); tests pass short timings so they
 * run in seconds.
 */
import type { ActorInitConfig } from '@switchboard/shared';
import type { Logger } from 'pino';
import { DEFAULT_RESTART_SPEC, type RestartSpec } from './restartPolicy.ts';

/** Timings and limits of actor supervision (milliseconds and bytes). */
export interface SupervisionLimits {
  /** Interval at which actors send heartbeats. */
  heartbeatMs: number;
  /** Heartbeats that may be missed before the actor counts as hung and is killed. */
  missedHeartbeats: number;
  /** Time an actor has to answer `init` with `ready`. */
  readyTimeoutMs: number;
  /** Default timeout of a command call. */
  callTimeoutMs: number;
  /** Time an actor has to exit after `shutdown` before SIGKILL. */
  stopGraceMs: number;
  /** RSS above which an actor is recycled gracefully (0 disables). */
  rssBudgetBytes: number;
  /** A connected actor without WhatsApp traffic for this long is probed (0 disables). */
  deafAfterMs: number;
  /** Time a probe may take before the actor counts as a zombie. */
  probeTimeoutMs: number;
  /**
   * A session showing QR or pairing codes that nobody links for this long is stopped (0
   * disables): it stops holding a process and renewing codes, and shows as stopped until an
   * operator links it.
   */
  linkTimeoutMs: number;
}

/** Actor configuration shared by every session (sessionId and dataDir are filled per session). */
export type ActorDefaults = Omit<ActorInitConfig, 'sessionId' | 'dataDir' | 'heartbeatMs'>;

/** Options of `new Supervisor(...)`. */
export interface SupervisorOptions {
  logger: Logger;
  actor: ActorDefaults;
  /** Base folder; each session gets `<dataDir>/sessions/<sessionId>`. */
  dataDir: string;
  limits: SupervisionLimits;
  restart: RestartSpec;
  /** How many actors may be starting at once during restore. */
  startConcurrency: number;
  /** Random delay (0..startJitterMs) before each restored start, to spread the load. */
  startJitterMs: number;
  /** How long a restored start may take to settle (qr / connected / terminal) before the next. */
  startSettleMs: number;
  /**
   * Spare actor processes kept forked, modules loaded, for the next start (warmPool.ts;
   * default 0). Each costs an idle process's memory and saves a start ~1.4 s of CPU.
   */
  warmActors?: number;
  /** Actor entry module (tests of the plumbing only); defaults to the real session actor. */
  actorEntry?: string;
  /** Clock (epoch ms). */
  now?: () => number;
  /** How often the outbox depth of sessions with outbox activity is recounted (default 30 s). */
  outboxDepthRefreshMs?: number;
}

/** Production defaults of the supervision limits. */
export const DEFAULT_LIMITS: SupervisionLimits = {
  heartbeatMs: 5_000,
  missedHeartbeats: 3,
  readyTimeoutMs: 30_000,
  callTimeoutMs: 30_000,
  stopGraceMs: 5_000,
  rssBudgetBytes: 512 * 1024 * 1024,
  deafAfterMs: 10 * 60_000,
  probeTimeoutMs: 15_000,
  linkTimeoutMs: 10 * 60_000,
};

/** Fills unspecified options with production defaults. */
export function withDefaults(
  o: Pick<SupervisorOptions, 'logger' | 'actor' | 'dataDir'> & {
    limits?: Partial<SupervisionLimits>;
    restart?: Partial<RestartSpec>;
  } & Partial<Omit<SupervisorOptions, 'limits' | 'restart'>>,
): SupervisorOptions {
  return {
    startConcurrency: 8,
    startJitterMs: 500,
    startSettleMs: 20_000,
    ...o,
    limits: { ...DEFAULT_LIMITS, ...o.limits },
    restart: { ...DEFAULT_RESTART_SPEC, ...o.restart },
  };
}
