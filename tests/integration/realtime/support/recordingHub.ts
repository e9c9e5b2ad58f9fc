/**
 * Event source for realtime tests that need no session actor: the Supervisor's real EventLog
 * (per-session ordered seq, SessionEvent persistence, then fan-out), exposed with the part of
 * SessionHub the realtime layer uses. `record()` is what the Supervisor does with an event an
 * actor reports over IPC.
 */
import type { ActorEvent, ActorSnapshot, HubEvent, SessionHub } from '@switchboard/shared';
import { silentLogger } from '@switchboard/shared/node';
import { EventLog } from '../../../../supervisor/src/events/eventLog.ts';
import { SessionRecords } from '../../../../supervisor/src/sessionRecords.ts';

/** `subscribe`/`snapshots` of a hub fed through the Supervisor's EventLog. */
export class RecordingHub implements Pick<SessionHub, 'subscribe' | 'snapshots'> {
  private readonly log = new EventLog(silentLogger(), Date.now, new SessionRecords(silentLogger()));
  /** What `snapshots()` returns (the actors' health as the Supervisor would report it). */
  readonly health: ActorSnapshot[] = [];

  subscribe(listener: (event: HubEvent) => void): () => void {
    return this.log.subscribe(listener);
  }

  snapshots(): ActorSnapshot[] {
    return this.health;
  }

  /** Numbers, persists and publishes one actor event; resolves with the published HubEvent. */
  async record(sessionId: string, event: ActorEvent): Promise<HubEvent> {
    const published = await this.log.append(sessionId, event);
    if (!published) throw new Error(`event of ${sessionId} was not published`);
    return published;
  }
}
