/**
 * Pending outgoing messages per session (the outbox depth ops graph), counted in the database
 * with the (sessionId, status, fromMe) index, and only for sessions whose outbox may have
 * changed since the last count: a send or retry was accepted, or the actor reported a send or
 * a status. Idle sessions cost nothing; a busy one costs one count per refresh. Between
 * refreshes the number is the last count, so it is never an estimate drifting from events.
 */
import { Message } from '@switchboard/shared/node';
import type { Logger } from 'pino';

/** Outbox depth per session, refreshed on demand (see module comment). */
export class OutboxDepth {
  private readonly depth = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private running: Promise<string[]> | null = null;

  constructor(private readonly log: Logger) {}

  /** The session's outbox may have changed: count it at the next refresh. */
  touch(sessionId: string): void {
    this.dirty.add(sessionId);
  }

  /** The last count, null before the first one. */
  get(sessionId: string): number | null {
    return this.depth.get(sessionId) ?? null;
  }

  /**
   * Counts every touched session (one refresh at a time; a failed count is retried next time).
   * Resolves with the sessions that have pending messages.
   */
  refresh(): Promise<string[]> {
    this.running ??= this.countTouched().finally(() => (this.running = null));
    return this.running;
  }

  private async countTouched(): Promise<string[]> {
    const ids = [...this.dirty];
    this.dirty.clear();
    const waiting: string[] = [];
    for (const sessionId of ids) {
      try {
        const depth = await Message.countDocuments({ sessionId, status: 'pending', fromMe: true });
        this.depth.set(sessionId, depth);
        if (depth > 0) waiting.push(sessionId);
      } catch (err) {
        this.dirty.add(sessionId);
        this.log.warn({ err, sessionId }, 'outbox depth not counted');
      }
    }
    return waiting;
  }
}
