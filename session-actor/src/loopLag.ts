/** What the event loop's lag was since the last read. */
export interface LoopLag {
  /** Mean lateness of the sampling timer, ms (0 when it has not fired since the last read). */
  meanMs: number;
  /** Its largest lateness, ms. */
  maxMs: number;
}

/** The clock and timers a LoopLagSampler runs on (injected in tests). */
export interface LoopLagClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): { unref?(): unknown };
  clearTimeout(timer: unknown): void;
}

const realClock: LoopLagClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
};

/**
 * Event-loop lag as the lateness of a timer that fires every `everyMs`: how long work already
 * on the loop delayed it. One wake-up a second by default: perf_hooks' monitorEventLoopDelay,
 * used before, woke every idle actor 100 times a second at its 10 ms resolution (about 2.4 ms
 * of CPU a second per actor, more than everything else an idle actor does) and reported its own
 * interval, ~10 ms, as lag.
 */
export class LoopLagSampler {
  private sum = 0;
  private count = 0;
  private max = 0;
  private expected: number;
  private timer: unknown;

  constructor(
    private readonly everyMs = 1_000,
    private readonly clock: LoopLagClock = realClock,
  ) {
    this.expected = clock.now() + everyMs;
    this.timer = this.schedule();
  }

  /** Lag since the last read (or the start); starts a new period. */
  read(): LoopLag {
    const lag = { meanMs: this.count ? this.sum / this.count : 0, maxMs: this.max };
    this.sum = 0;
    this.count = 0;
    this.max = 0;
    return lag;
  }

  stop(): void {
    this.clock.clearTimeout(this.timer);
  }

  private schedule(): unknown {
    const timer = this.clock.setTimeout(() => this.tick(), this.everyMs);
    timer.unref?.();
    return timer;
  }

  private tick(): void {
    const now = this.clock.now();
    const late = Math.max(0, now - this.expected);
    this.sum += late;
    this.count++;
    this.max = Math.max(this.max, late);
    this.expected = now + this.everyMs;
    this.timer = this.schedule();
  }
}
