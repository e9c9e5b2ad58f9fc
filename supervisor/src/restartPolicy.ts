/**
 * The restart policy as one pure function, `decide(exit, history, now, spec)`
 * (STYLE.md habit 3). Sessions are OTP "permanent" children: any non-terminal exit is
 * restarted after an exponential backoff with full jitter, unless the session's own restart
 * intensity is exceeded (→ `problematic`). A global intensity only slows restarts down, so
 * one flapping session never stops the others (habit 5).
 */
import type { ExitKind, SessionStatus } from '@switchboard/shared';
import { exceeds, waitUntilUnder, withinWindow, type IntensityLimit } from './intensity.ts';

/** Tunables of the policy (all durations in ms). */
export interface RestartSpec {
  /** First backoff ceiling; doubles on each quick failure. */
  baseDelayMs: number;
  /** Highest backoff ceiling. */
  maxDelayMs: number;
  /** An actor that ran at least this long before exiting counts as stable: backoff resets. */
  stableAfterMs: number;
  /** Per-session limit; exceeding it stops the session as `problematic`. */
  intensity: IntensityLimit;
  /** Limit over all sessions; exceeding it delays restarts until the window frees up. */
  globalIntensity: IntensityLimit;
  /** Source of randomness in [0, 1) for the jitter; injectable for tests. */
  random: () => number;
}

/** Defaults from DESIGN.md: base 1 s, cap 5 min, stable after 2 min, 5 restarts in 10 min. */
export const DEFAULT_RESTART_SPEC: RestartSpec = {
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  stableAfterMs: 120_000,
  intensity: { maxRestarts: 5, windowMs: 600_000 },
  globalIntensity: { maxRestarts: 100, windowMs: 60_000 },
  random: Math.random,
};

/** How one actor run ended. */
export interface ExitRecord {
  kind: ExitKind;
  /** Epoch ms when the actor was forked. */
  startedAt: number;
  /** Epoch ms when it exited. */
  exitedAt: number;
}

/** Restart memory of one session plus the node-wide restart times. */
export interface RestartHistory {
  /** This session's restart times (epoch ms, oldest first). */
  restarts: readonly number[];
  /** Consecutive quick failures; the backoff exponent. */
  attempt: number;
  /** Every session's restart times on this node (epoch ms, oldest first). */
  globalRestarts: readonly number[];
}

/** What to do after an exit. */
export type RestartDecision =
  | { action: 'restart'; delayMs: number; attempt: number; reason: string }
  | { action: 'stop'; status: SessionStatus; reason: string };

/** An empty history (new session, or after reset-attempts). */
export const EMPTY_HISTORY: RestartHistory = { restarts: [], attempt: 0, globalRestarts: [] };

const TERMINAL: Partial<Record<ExitKind, { status: SessionStatus; reason: string }>> = {
  logged_out: { status: 'logged_out', reason: 'logged out by WhatsApp (401): needs a new QR' },
  replaced: { status: 'replaced', reason: 'connection replaced by another client (440)' },
  bad_config: { status: 'problematic', reason: 'actor rejected its configuration' },
};

/** Decides whether and when to restart an actor that exited on its own or was killed by us. */
export function decide(exit: ExitRecord, history: RestartHistory, now: number, spec: RestartSpec): RestartDecision {
  const terminal = TERMINAL[exit.kind];
  if (terminal) return { action: 'stop', ...terminal };

  if (exceeds(history.restarts, now, spec.intensity)) {
    const n = withinWindow(history.restarts, now, spec.intensity.windowMs).length;
    return {
      action: 'stop',
      status: 'problematic',
      reason: `restart intensity exceeded: ${n} restarts within ${spec.intensity.windowMs} ms`,
    };
  }

  const stable = exit.exitedAt - exit.startedAt >= spec.stableAfterMs;
  const attempt = stable ? 0 : history.attempt;
  // A recycle is our own doing on a healthy pairing: come back at once, without growing backoff.
  const backoff = exit.kind === 'recycled' ? 0 : fullJitter(attempt, spec);
  const globalWait = deferral(history.globalRestarts, now, spec);
  const delayMs = Math.max(backoff, globalWait);
  const reason = globalWait > backoff ? `${exit.kind}; global restart intensity reached` : exit.kind;
  return { action: 'restart', delayMs, attempt: exit.kind === 'recycled' ? attempt : attempt + 1, reason };
}

/**
 * How long a restart must wait for the global window to free up, spread by a jitter of up to a
 * quarter of the window: without it, a crash storm's deferred restarts would all fire in the
 * same millisecond when the window frees (and fork at once: a second storm).
 */
function deferral(globalRestarts: readonly number[], now: number, spec: RestartSpec): number {
  const wait = waitUntilUnder(globalRestarts, now, spec.globalIntensity);
  return wait === 0 ? 0 : wait + Math.floor(spec.random() * (spec.globalIntensity.windowMs / 4));
}

/** Full jitter: uniform in [0, min(cap, base · 2^attempt)). */
export function fullJitter(attempt: number, spec: Pick<RestartSpec, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(spec.maxDelayMs, spec.baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.floor(spec.random() * ceiling);
}

/**
 * The history after acting on a decision at `now` (restart times outside the longest window
 * are dropped so the lists stay short).
 */
export function recordDecision(history: RestartHistory, decision: RestartDecision, now: number, spec: RestartSpec): RestartHistory {
  if (decision.action === 'stop') return history;
  const keep = (ts: readonly number[], windowMs: number): number[] => [...withinWindow(ts, now, windowMs), now];
  return {
    restarts: keep(history.restarts, spec.intensity.windowMs),
    attempt: decision.attempt,
    globalRestarts: keep(history.globalRestarts, spec.globalIntensity.windowMs),
  };
}
