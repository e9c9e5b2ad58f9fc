import type { HubEvent } from '@switchboard/shared';

/**
 * The ordered, duplicate-free stream of hub events for one socket.
 *
 * While the socket replays what it missed, live events are buffered; `goLive()` flushes the
 * buffer and switches to direct delivery. Every delivery drops events whose seq is not above
 * the last seq delivered for that session, so an event that was both replayed from the
 * database and published live reaches the client once.
 */
export class SocketFeed {
  private readonly last = new Map<string, number>();
  private buffer: HubEvent[] | null = [];

  constructor(private readonly emit: (event: HubEvent) => void) {}

  /** Sets the highest seq the client already has for a session (from `auth.lastSeq`). */
  setBaseline(sessionId: string, seq: number): void {
    this.last.set(sessionId, seq);
  }

  /** Highest seq delivered (or known to the client) per session. */
  lastSeq(sessionId: string): number | undefined {
    return this.last.get(sessionId);
  }

  /** True until `goLive()`. */
  get replaying(): boolean {
    return this.buffer !== null;
  }

  /** A live event: buffered during replay, delivered otherwise. */
  push(event: HubEvent): void {
    if (this.buffer) this.buffer.push(event);
    else this.deliver(event);
  }

  /** Delivers an event unless the client already has it; returns whether it was emitted. */
  deliver(event: HubEvent): boolean {
    const last = this.last.get(event.sessionId);
    if (last !== undefined && event.seq <= last) return false;
    this.last.set(event.sessionId, event.seq);
    this.emit(event);
    return true;
  }

  /** Ends the replay: flushes buffered live events in order, then delivers directly. */
  goLive(): void {
    const buffered = this.buffer ?? [];
    this.buffer = null;
    // Keep the arrival interleaving across sessions, but each session's events in seq order.
    const bySession = new Map<string, HubEvent[]>();
    for (const e of buffered) {
      const list = bySession.get(e.sessionId);
      if (list) list.push(e);
      else bySession.set(e.sessionId, [e]);
    }
    for (const list of bySession.values()) list.sort((a, b) => a.seq - b.seq);
    for (const e of buffered) {
      const next = bySession.get(e.sessionId)?.shift();
      if (next) this.deliver(next);
    }
  }
}
