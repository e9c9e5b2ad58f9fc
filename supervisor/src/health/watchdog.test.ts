import { describe, expect, it } from 'vitest';
import { silentLogger } from '@switchboard/shared/node';
import type { ActorHandle } from '../ActorHandle.ts';
import { newSlot, type SessionSlot } from '../sessionSlot.ts';
import { DEFAULT_LIMITS, type SupervisionLimits } from '../supervisorOptions.ts';
import { Watchdog } from './watchdog.ts';

const limits: SupervisionLimits = { ...DEFAULT_LIMITS, heartbeatMs: 1_000, missedHeartbeats: 3, deafAfterMs: 0, rssBudgetBytes: 0 };

/** One ready actor whose last heartbeat came at `lastHeartbeatAt`, and a watchdog on a fake clock. */
function world(lastHeartbeatAt: number) {
  const slot: SessionSlot = newSlot('s1', 'connected');
  slot.handle = { alive: true, isReady: true, lastHeartbeatAt, lastHeartbeat: null } as unknown as ActorHandle;
  const killed: string[] = [];
  let clock = 0;
  const dog = new Watchdog({
    limits: () => limits,
    slots: () => [slot],
    now: () => clock,
    log: silentLogger(),
    recycle: () => undefined,
    kill: (s, reason) => killed.push(`${s.sessionId}: ${reason}`),
    stopUnlinked: () => undefined,
  });
  return { slot, killed, dog, at: (t: number) => ((clock = t), dog.sweep()) };
}

describe('Watchdog', () => {
  it('kills an actor whose heartbeats stopped while the supervisor kept sweeping on time', () => {
    const w = world(0);
    for (let t = 1_000; t <= 3_000; t += 1_000) w.at(t);
    expect(w.killed).toEqual([]);
    w.at(4_000);
    expect(w.killed).toEqual(['s1: no heartbeat for 4000 ms']);
  });

  it('judges nothing on a late sweep: the heartbeats are still queued behind its own stall', () => {
    const w = world(0);
    w.at(1_000);
    w.at(9_000); // the supervisor's loop was blocked for 8 s
    expect(w.killed).toEqual([]);
    // The queued heartbeat is read before the next sweep: the actor was alive all along.
    (w.slot.handle as { lastHeartbeatAt: number }).lastHeartbeatAt = 9_001;
    w.at(10_000);
    expect(w.killed).toEqual([]);
  });

  it('still kills after a stall when no heartbeat was queued', () => {
    const w = world(0);
    w.at(1_000);
    w.at(9_000);
    w.at(10_000);
    expect(w.killed).toEqual(['s1: no heartbeat for 10000 ms']);
  });
});
