/**
 * Pure part of the session timeline: which durable events matter, what kind of thing each one
 * says happened (TimelineKind), and how noise collapses. From: the `sessionevents` log (written
 * by the supervisor's EventLog) → here → next: gaps.ts adds down times, readTimeline.ts reads.
 */
import { NODE_STOPPED_REASON, NOT_LINKED_REASON, type ExitKind, type HubEvent, type TimelineEntry, type TimelineKind } from '@switchboard/shared';

/** The event types a timeline is built from (everything else is traffic, not lifecycle). */
export const LIFECYCLE_TYPES = ['connection-state', 'actor-exit'] as const;

/** A lifecycle event of the log, as the hub published it. */
export type LifecycleEvent = Extract<HubEvent, { type: (typeof LIFECYCLE_TYPES)[number] }>;

/** Disconnect causes that are the network's or WhatsApp's availability, retried with backoff. */
const NETWORK_CAUSES = new Set(['connection_lost', 'connection_closed', 'unavailable']);

/** Exits the supervisor caused on purpose to heal a session (RSS budget, deaf socket, missed heartbeats). */
const RECYCLE_EXITS: ReadonlySet<ExitKind> = new Set(['recycled', 'hung']);

/**
 * Baileys' close of a socket whose QR codes ran out unscanned (408, `Socket/socket.js`): the next
 * code follows at once, so it is part of the wait for a scan, not a network problem.
 */
const QR_CODES_RAN_OUT = 'QR refs attempts ended';

/** Kinds whose consecutive repeats are one entry (QR rotations; retries of one outage). */
const RUN_KINDS: ReadonlySet<TimelineKind> = new Set(['qr', 'network']);

/**
 * What one lifecycle event means, or null for noise that adds nothing: the `starting`,
 * `connecting` and `reconnecting` states without a cause (an actor (re)starting or Baileys
 * dialling) or after unscanned QR codes ran out, the exits of requested stops (the `stopped`
 * state says it) and the exits of logged-out or replaced actors (the state with WhatsApp's
 * status code says it).
 */
export function classify(e: LifecycleEvent): TimelineKind | null {
  if (e.type === 'actor-exit') {
    if (e.action === 'none') return null;
    if (e.exit === 'logged_out' || e.exit === 'replaced') return null;
    if (RECYCLE_EXITS.has(e.exit)) return 'recycle';
    if (e.exit === 'bad_config') return 'other';
    return 'crash';
  }
  switch (e.status) {
    case 'stopped':
      if (e.message === NODE_STOPPED_REASON) return 'node_stopped';
      return e.message?.startsWith(NOT_LINKED_REASON) ? 'unlinked' : 'stopped';
    case 'connected':
    case 'logged_out':
    case 'replaced':
    case 'problematic':
    case 'qr':
      return e.status;
    case 'created':
      return null;
    default:
      // starting / connecting / reconnecting: only a close with a cause is worth a line.
      if (!e.cause || e.message === QR_CODES_RAN_OUT) return null;
      if (e.cause === 'restart_required') return 'restart_required';
      if (NETWORK_CAUSES.has(e.cause)) return 'network';
      return 'other';
  }
}

/** The entry of one classified event (no gap figures yet). */
export function toEntry(e: LifecycleEvent, kind: TimelineKind): TimelineEntry {
  const at = new Date(e.at).toISOString();
  if (e.type === 'actor-exit') {
    return { seq: e.seq, at, kind, status: null, cause: null, statusCode: null, detail: e.reason || null };
  }
  return { seq: e.seq, at, kind, status: e.status, cause: e.cause ?? null, statusCode: e.statusCode ?? null, detail: e.message ?? null };
}

/**
 * Classifies events given newest first and drops the noise. A run of consecutive `qr` entries
 * (one per QR rotation), or of `network` entries with the same cause (one per failed retry of
 * one outage), becomes one entry: the oldest of the run, i.e. when it started.
 */
export function collapse(newestFirst: readonly LifecycleEvent[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const e of newestFirst) {
    const kind = classify(e);
    if (!kind) continue;
    const entry = toEntry(e, kind);
    const last = out[out.length - 1];
    if (last && RUN_KINDS.has(kind) && last.kind === kind && last.cause === entry.cause) out[out.length - 1] = entry;
    else out.push(entry);
  }
  return out;
}
