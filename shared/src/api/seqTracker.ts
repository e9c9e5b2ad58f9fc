/**
 * Client-side helper for gap-free delivery: remembers the highest `seq` seen per session and
 * tells whether an event is new. Pass `lastSeq()` as `auth.lastSeq` when (re)connecting, e.g.
 * `io(url, { auth: (cb) => cb({ token, lastSeq: tracker.lastSeq() }) })` so every reconnect
 * asks for exactly what was missed. Pure: usable in the browser.
 */
export class SeqTracker {
  private readonly seen = new Map<string, number>();

  constructor(initial: Record<string, number> = {}) {
    for (const [sessionId, seq] of Object.entries(initial)) this.seen.set(sessionId, seq);
  }

  /** Records an event; returns false when it is not newer than what was already seen. */
  observe(event: { sessionId: string; seq: number }): boolean {
    const last = this.seen.get(event.sessionId);
    if (last !== undefined && event.seq <= last) return false;
    this.seen.set(event.sessionId, event.seq);
    return true;
  }

  /** Applies the server's `replay-done.lastSeq` (it may move a stale baseline back). */
  reset(lastSeq: Record<string, number>): void {
    for (const [sessionId, seq] of Object.entries(lastSeq)) this.seen.set(sessionId, seq);
  }

  /** The map to send as `auth.lastSeq`. */
  lastSeq(): Record<string, number> {
    return Object.fromEntries(this.seen);
  }
}
