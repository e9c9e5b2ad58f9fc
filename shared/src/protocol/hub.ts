import type { OutgoingMessageInput } from '../domain/messages.ts';
import type { AcceptedSend, CommandName, CommandReq, CommandRes } from './commands.ts';
import type { DisconnectCause, HubEvent } from './events.ts';
import type { SessionStatus } from '../domain/messages.ts';

/** What ops and the gateway see of one running (or recently running) actor. */
export interface ActorSnapshot {
  sessionId: string;
  status: SessionStatus;
  pid: number | null;
  startedAt: number | null;
  restarts: number;
  lastHeartbeatAt: number | null;
  rssBytes: number | null;
  heapUsedBytes: number | null;
  eventLoopLagMs: number | null;
  lastError: string | null;
  lastDisconnectCause: DisconnectCause | null;
  /** Pending outgoing messages at the last count (recounted every 30 s while it changes); null before the first. */
  outboxDepth: number | null;
}

/**
 * The narrow interface the gateway uses to reach session actors. The in-process Supervisor
 * implements it; a cluster implementation can replace it without touching routes.
 */
export interface SessionHub {
  /** Starts (or restarts) the actor of an existing Session record. Idempotent. */
  start(sessionId: string): Promise<void>;
  /** Stops the actor gracefully; the Session keeps its credentials unless `logout` is set. */
  stop(sessionId: string, opts?: { logout?: boolean }): Promise<void>;
  /** Calls a command on the session's actor; rejects with a coded error on timeout or exit. */
  call<C extends CommandName>(
    sessionId: string,
    command: C,
    req: CommandReq<C>,
    opts?: { timeoutMs?: number },
  ): Promise<CommandRes<C>>;
  /** Stores the message as pending (idempotent on clientId), then hands it to the actor. */
  send(sessionId: string, input: OutgoingMessageInput): Promise<AcceptedSend>;
  /**
   * Puts a `failed` outgoing message back to `pending` (same message id and clientId) and asks
   * the actor to deliver it; rejects with `message_not_found`, `not_outgoing` or `not_failed`.
   */
  retry(sessionId: string, messageId: string): Promise<AcceptedSend>;
  /** Clears a `problematic` session's restart history and starts it again. */
  resetAttempts(sessionId: string): Promise<void>;
  /** Subscribes to every actor event; returns the unsubscribe function. */
  subscribe(listener: (event: HubEvent) => void): () => void;
  /** Snapshot of one actor, or undefined when the hub has never run it. */
  snapshot(sessionId: string): ActorSnapshot | undefined;
  /** Snapshots of all actors the hub knows. */
  snapshots(): ActorSnapshot[];
}
