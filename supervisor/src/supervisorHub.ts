/**
 * The SessionHub methods of the Supervisor, each handed to its LocalHub. Cluster mode
 * (cluster/routing/clusterMode.ts gives the Supervisor to the RoutedHub as its local hub),
 * the composition and the tests use one object as both supervisor and hub; once they take
 * `supervisor.hub` for the hub, this class can go.
 */
import type {
  AcceptedSend,
  ActorSnapshot,
  CommandName,
  CommandReq,
  CommandRes,
  HubEvent,
  OutgoingMessageInput,
  SessionHub,
} from '@switchboard/shared';
import type { HealthReport } from './health/healthReport.ts';
import type { LocalHub } from './LocalHub.ts';

/** SessionHub by delegation to `hub` (start, stop and resetAttempts are the subclass's own). */
export abstract class SupervisorHub implements SessionHub {
  /** The SessionHub side over this supervisor (sends, commands, events, snapshots, health). */
  abstract readonly hub: LocalHub;
  abstract start(sessionId: string): Promise<void>;
  abstract stop(sessionId: string, opts?: { logout?: boolean }): Promise<void>;
  abstract resetAttempts(sessionId: string): Promise<void>;

  call<C extends CommandName>(sessionId: string, command: C, req: CommandReq<C>, opts?: { timeoutMs?: number }): Promise<CommandRes<C>> {
    return this.hub.call(sessionId, command, req, opts);
  }

  send(sessionId: string, input: OutgoingMessageInput): Promise<AcceptedSend> {
    return this.hub.send(sessionId, input);
  }

  retry(sessionId: string, messageId: string): Promise<AcceptedSend> {
    return this.hub.retry(sessionId, messageId);
  }

  subscribe(listener: (event: HubEvent) => void): () => void {
    return this.hub.subscribe(listener);
  }

  snapshot(sessionId: string): ActorSnapshot | undefined {
    return this.hub.snapshot(sessionId);
  }

  snapshots(): ActorSnapshot[] {
    return this.hub.snapshots();
  }

  /** Health of every known session (LocalHub.healthReport). */
  healthReport(): HealthReport {
    return this.hub.healthReport();
  }

  /** Stores a health report on the Session documents (LocalHub.recordHealth). */
  recordHealth(report: HealthReport): Promise<void> {
    return this.hub.recordHealth(report);
  }

  /** Recounts touched sessions' outbox depth now (LocalHub.refreshOutboxDepth). */
  refreshOutboxDepth(): Promise<void> {
    return this.hub.refreshOutboxDepth();
  }
}
