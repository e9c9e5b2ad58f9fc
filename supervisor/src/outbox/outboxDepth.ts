/**
 * Pending outgoing messages per session (the outbox depth ops graph), counted in the database
 * with the (sessionId, status, fromMe) index, and only for sessions whose outbox may have
 * changed since the last count: a send or retry was accepted, or the actor reported a send or
 * a status. Idle sessions cost nothing; the busy ones are counted together, one request per
 * refresh (grouped by session), not one each: on the embedded database every filter other
 * than `_id` scans the whole messages collection (FerretDB's SQLite backend pushes down nothing
 * else), so a count per session was a scan per session — a restore of 100 sessions after a
 * busy day spent a minute of database CPU on them. Between refreshes the number is the last
 * count, so it is never an estimate drifting from events.
 */
import { Message } from '@switchboard/shared/node';
import type { Logger } from 'pino';

/** The most sessions counted in one request. */
const SESSIONS_PER_COUNT = 500;

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
    for (let from = 0; from < ids.length; from += SESSIONS_PER_COUNT) {
      const sessions = ids.slice(from, from + SESSIONS_PER_COUNT);
      try {
        const counted = await Message.aggregate<{ _id: string; depth: number }>([
          { $match: { sessionId: { $in: sessions }, status: 'pending', fromMe: true } },
          { $group: { _id: '$sessionId', depth: { $sum: 1 } } },
        ]);
        const depths = new Map(counted.map((c) => [c._id, c.depth]));
        for (const sessionId of sessions) {
          const depth = depths.get(sessionId) ?? 0;
          this.depth.set(sessionId, depth);
          if (depth > 0) waiting.push(sessionId);
        }
      } catch (err) {
        for (const sessionId of sessions) this.dirty.add(sessionId);
        this.log.warn({ err, sessions: sessions.length }, 'outbox depth not counted');
      }
    }
    return waiting;
  }
}
