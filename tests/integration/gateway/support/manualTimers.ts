/** One timer a dispatcher under test scheduled; the test fires it. */
export interface ManualTimer {
  fn: () => void;
  at: number;
  ms: number;
  live: boolean;
}

/**
 * An injected clock and timers for a webhook dispatcher under test: nothing fires by itself;
 * the test waits for the lane's next retry timer (`nextRetry`, ignoring the sweep's timer of
 * `sweepMs`), moves the clock to it (`advanceTo`) and runs it (`t.fn()`).
 */
export function manualTimers(start: number, sweepMs: number) {
  let clock = start;
  const list: ManualTimer[] = [];
  let scheduled: () => void = () => undefined;
  return {
    now: () => clock,
    timers: {
      setTimeout(fn: () => void, ms: number): unknown {
        const t = { fn, at: clock + ms, ms, live: true };
        list.push(t);
        scheduled();
        return t;
      },
      clearTimeout: (t: unknown) => void ((t as ManualTimer).live = false),
    },
    /** Resolves with a lane's live retry timer (not the sweep's), now or once scheduled. */
    nextRetry: (): Promise<ManualTimer> =>
      new Promise((resolve) => {
        const check = () => {
          const t = list.find((x) => x.live && x.ms !== sweepMs);
          if (t) resolve(t);
        };
        scheduled = check;
        check();
      }),
    /** Takes the timer off the list and moves the clock to its time (the caller then runs it). */
    advanceTo(t: ManualTimer): void {
      t.live = false;
      clock = t.at;
    },
  };
}
