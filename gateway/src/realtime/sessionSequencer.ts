import type { HubEvent } from '@switchboard/shared';
import type { Logger } from 'pino';
import type { ReadEvents } from './replay.ts';

/** The widest gap filled from the log; beyond it sockets rely on their own replay on reconnect. */
const DEFAULT_MAX_FILL = 1000;

interface SessionState {
  /** Highest seq passed on. */
  last: number;
  /** A gap is being read from the log: later events wait in `queue`. */
  filling: boolean;
  queue: HubEvent[];
}

/**
 * Passes each session's hub events on in seq order and once, filling gaps from the event log.
 *
 * A node sees every event of every session: its own actors' from the hub, the others' through
 * the cluster relay. Every event is stored before it is published, so a seq this node never got
 * is in the log. It goes missing when a node dies between storing an event and relaying it: the
 * session's new owner goes on from the next seq, and without this a socket would deliver that
 * one and move its `lastSeq` past the hole, so no reconnect would ever replay it (issue 16).
 * On a gap the missing events are read from the log and passed on first; events that arrive
 * meanwhile wait, and late or repeated ones (the relay of an event already filled) are dropped.
 */
export class SessionSequencer {
  private readonly sessions = new Map<string, SessionState>();

  constructor(
    private readonly readEvents: ReadEvents,
    private readonly pass: (event: HubEvent) => void,
    private readonly log: Logger,
    private readonly maxFill = DEFAULT_MAX_FILL,
  ) {}

  /** One event from the hub or the relay. */
  push(event: HubEvent): void {
    const state = this.sessions.get(event.sessionId);
    if (!state) {
      // The first event this node sees of a session: nothing before it is owed to anyone here.
      this.sessions.set(event.sessionId, { last: event.seq, filling: false, queue: [] });
      this.pass(event);
    } else if (state.filling) state.queue.push(event);
    else this.accept(state, event);
  }

  private accept(state: SessionState, event: HubEvent): void {
    if (event.seq <= state.last) return;
    const missing = event.seq - state.last - 1;
    if (missing === 0 || missing > this.maxFill) {
      if (missing > 0) this.log.warn({ sessionId: event.sessionId, from: state.last + 1, to: event.seq - 1 }, 'event gap too wide to fill live; clients replay it on reconnect');
      state.last = event.seq;
      this.pass(event);
      return;
    }
    state.filling = true;
    void this.fill(state, event, missing);
  }

  private async fill(state: SessionState, event: HubEvent, missing: number): Promise<void> {
    try {
      const found = await this.readEvents(event.sessionId, state.last, missing);
      for (const e of found) {
        if (e.seq <= state.last || e.seq >= event.seq) continue;
        state.last = e.seq;
        this.pass(e);
      }
      if (state.last < event.seq - 1) this.log.warn({ sessionId: event.sessionId, from: state.last + 1, to: event.seq - 1 }, 'events missing from the log');
    } catch (err) {
      this.log.warn({ err, sessionId: event.sessionId }, 'event gap not filled; clients replay it on reconnect');
    }
    state.last = event.seq;
    this.pass(event);
    state.filling = false;
    const queued = state.queue.splice(0).sort((a, b) => a.seq - b.seq);
    for (const next of queued) {
      if (state.filling) state.queue.push(next);
      else this.accept(state, next);
    }
  }
}
