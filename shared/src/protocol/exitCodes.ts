/**
 * Actor exit codes are protocol: the supervisor's restart policy reads them. An actor that
 * knows why it must stop exits with one of these; anything else is a crash.
 */
export const EXIT_CODES = {
  /** Asked to stop (shutdown) and did so cleanly. */
  NORMAL: 0,
  /** Uncaught failure; the restart policy decides. */
  CRASH: 1,
  /** WhatsApp logged the device out (401): terminal, credentials cleared, needs a new QR. */
  LOGGED_OUT: 10,
  /** Another client replaced this connection (440): terminal until an operator acts. */
  REPLACED: 11,
  /** The init config was missing or invalid: terminal, restarting would fail the same way. */
  BAD_CONFIG: 12,
  /**
   * A write the actor cannot continue without (its credentials) failed after its retries: it
   * stops rather than run ahead of the database. A crash to the restart policy: the next actor
   * starts from what is stored.
   */
  PERSISTENCE_FAILED: 13,
  /**
   * Cluster mode: a write carrying the actor's fencing token was refused because another node
   * acquired the session's lease since (a newer token). Terminal: the lease is gone, so this
   * node must not restart the session; its new owner runs it.
   */
  FENCED: 14,
} as const;

/** One of the numeric exit codes above. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * How an actor ended, as the restart policy sees it. `failed_start` (no `ready` in time),
 * `hung` (heartbeats missed) and `recycled` (killed on purpose for memory or deafness) are
 * decided by the supervisor, which knows why it killed the child.
 */
export type ExitKind =
  | 'normal'
  | 'crash'
  | 'killed'
  | 'logged_out'
  | 'replaced'
  | 'bad_config'
  | 'fenced'
  | 'failed_start'
  | 'hung'
  | 'recycled';

/** A classified exit. */
export interface ExitInfo {
  kind: ExitKind;
  code: number | null;
  signal: string | null;
  /** True when the session must not be restarted automatically. */
  terminal: boolean;
}

/** Exit kinds that are never restarted automatically. */
export const TERMINAL_EXITS: ReadonlySet<ExitKind> = new Set(['logged_out', 'replaced', 'bad_config', 'fenced']);

/** Classifies a child's exit code / signal (as given by the 'exit' event). */
export function classifyExit(code: number | null, signal: string | null): ExitInfo {
  const kind = exitKindOf(code, signal);
  return { kind, code, signal, terminal: TERMINAL_EXITS.has(kind) };
}

function exitKindOf(code: number | null, signal: string | null): ExitKind {
  if (signal !== null && code === null) return 'killed';
  switch (code) {
    case EXIT_CODES.NORMAL:
      return 'normal';
    case EXIT_CODES.LOGGED_OUT:
      return 'logged_out';
    case EXIT_CODES.REPLACED:
      return 'replaced';
    case EXIT_CODES.BAD_CONFIG:
      return 'bad_config';
    case EXIT_CODES.FENCED:
      return 'fenced';
    default:
      return 'crash';
  }
}

/** Overrides the kind of a classified exit when the supervisor caused it (keeps code/signal). */
export function withKind(info: ExitInfo, kind: ExitKind): ExitInfo {
  return { ...info, kind, terminal: TERMINAL_EXITS.has(kind) };
}
