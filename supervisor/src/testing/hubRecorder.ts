/**
 * Test helper: records every HubEvent of a hub and lets a test wait for the one it needs
 * (waiting on events, never sleeping). Used by supervisor unit tests and the cluster
 * integration tests.
 */
import type { HubEvent, SessionHub, SessionStatus } from '@switchboard/shared';

/** Recorded events plus waiting helpers. */
export interface HubRecorder {
  events: HubEvent[];
  /** Resolves with the first recorded (past or future) event matching `pred`. */
  waitFor(pred: (e: HubEvent) => boolean, label?: string): Promise<HubEvent>;
  /** Resolves when `sessionId` publishes `status` after the `after`-th recorded event. */
  waitStatus(sessionId: string, status: SessionStatus, after?: number): Promise<HubEvent>;
  /** Events of one session. */
  of(sessionId: string): HubEvent[];
  stop(): void;
}

/** Starts recording the hub's events. */
export function recordHub(hub: Pick<SessionHub, 'subscribe'>): HubRecorder {
  const events: HubEvent[] = [];
  const waiters = new Set<() => void>();
  const unsubscribe = hub.subscribe((e) => {
    events.push(e);
    for (const w of [...waiters]) w();
  });
  const waitFor = (pred: (e: HubEvent) => boolean): Promise<HubEvent> =>
    new Promise((resolve) => {
      const check = (): void => {
        const hit = events.find(pred);
        if (!hit) return;
        waiters.delete(check);
        resolve(hit);
      };
      waiters.add(check);
      check();
    });
  return {
    events,
    waitFor,
    waitStatus: (sessionId, status, after = 0) =>
      waitFor((e) => events.indexOf(e) >= after && e.sessionId === sessionId && e.type === 'connection-state' && e.status === status),
    of: (sessionId) => events.filter((e) => e.sessionId === sessionId),
    stop: unsubscribe,
  };
}
