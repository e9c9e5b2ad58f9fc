import { describe, expect, it } from 'vitest';
import { LoopLagSampler, type LoopLagClock } from './loopLag.ts';

/** A clock whose time moves only when told, and whose single pending timer the test fires. */
function manualClock(): LoopLagClock & { at: number; fire(): void; pending: number } {
  let next: (() => void) | null = null;
  const clock = {
    at: 0,
    pending: 0,
    now: () => clock.at,
    setTimeout: (fn: () => void) => {
      next = fn;
      clock.pending++;
      return {};
    },
    clearTimeout: () => {
      next = null;
    },
    fire: () => {
      const fn = next;
      next = null;
      clock.pending--;
      fn?.();
    },
  };
  return clock;
}

describe('LoopLagSampler', () => {
  it('reports how late its timer fired: mean and max since the last read', () => {
    const clock = manualClock();
    const lag = new LoopLagSampler(500, clock);
    clock.at = 500; // on time
    clock.fire();
    clock.at = 1_030; // 30 ms late
    clock.fire();
    clock.at = 1_530 + 300; // blocked for 300 ms
    clock.fire();
    expect(lag.read()).toEqual({ meanMs: 110, maxMs: 300 });
    expect(lag.read()).toEqual({ meanMs: 0, maxMs: 0 });
    clock.at += 502;
    clock.fire();
    expect(lag.read()).toEqual({ meanMs: 2, maxMs: 2 });
    lag.stop();
  });

  it('keeps one timer at a time and none after stop', () => {
    const clock = manualClock();
    const lag = new LoopLagSampler(500, clock);
    clock.at = 500;
    clock.fire();
    expect(clock.pending).toBe(1);
    lag.stop();
    clock.fire();
    expect(clock.pending).toBe(0);
    expect(lag.read()).toEqual({ meanMs: 0, maxMs: 0 });
  });
});
