import { describe, expect, it } from 'vitest';
import type { ExitKind } from '@switchboard/shared';
import {
  decide,
  DEFAULT_RESTART_SPEC,
  EMPTY_HISTORY,
  fullJitter,
  recordDecision,
  type RestartHistory,
  type RestartSpec,
} from './restartPolicy.ts';

/** Spec with a fixed "random" so delays are exact. */
function spec(overrides: Partial<RestartSpec> = {}): RestartSpec {
  return { ...DEFAULT_RESTART_SPEC, random: () => 0.5, ...overrides };
}

/** Exit after running `uptimeMs` and ending at `now`. */
function exit(kind: ExitKind, now: number, uptimeMs = 100) {
  return { kind, startedAt: now - uptimeMs, exitedAt: now };
}

/** Simulates an actor crashing quickly again and again; returns each decision. */
function crashLoop(times: number, s: RestartSpec, start = 1_000_000, gapMs = 1_000) {
  let h: RestartHistory = EMPTY_HISTORY;
  let now = start;
  const decisions = [];
  for (let i = 0; i < times; i++) {
    const d = decide(exit('crash', now), h, now, s);
    decisions.push(d);
    h = recordDecision(h, d, now, s);
    now += (d.action === 'restart' ? d.delayMs : 0) + gapMs;
  }
  return { decisions, history: h, now };
}

describe('decide', () => {
  it('never restarts terminal exits and maps them to their status', () => {
    const now = 10_000;
    expect(decide(exit('logged_out', now), EMPTY_HISTORY, now, spec())).toMatchObject({ action: 'stop', status: 'logged_out' });
    expect(decide(exit('replaced', now), EMPTY_HISTORY, now, spec())).toMatchObject({ action: 'stop', status: 'replaced' });
    expect(decide(exit('bad_config', now), EMPTY_HISTORY, now, spec())).toMatchObject({ action: 'stop', status: 'problematic' });
  });

  it('restarts crashes, kills, hangs, failed starts and unexpected normal exits', () => {
    for (const kind of ['crash', 'killed', 'hung', 'failed_start', 'normal'] as const) {
      expect(decide(exit(kind, 5_000), EMPTY_HISTORY, 5_000, spec())).toMatchObject({ action: 'restart', attempt: 1 });
    }
  });

  it('backs off exponentially with full jitter up to the cap', () => {
    const s = spec({ random: () => 0.999999, intensity: { maxRestarts: 100, windowMs: 1_000 } });
    const { decisions } = crashLoop(12, s);
    const delays = decisions.map((d) => (d.action === 'restart' ? d.delayMs : -1));
    expect(delays.slice(0, 10)).toEqual([999, 1999, 3999, 7999, 15999, 31999, 63999, 127999, 255999, 299999]);
    expect(delays[11]).toBe(299999);
  });

  it('draws each delay uniformly below the ceiling (random 0 gives an immediate restart)', () => {
    expect(fullJitter(3, { ...spec(), random: () => 0 })).toBe(0);
    expect(fullJitter(3, { ...spec(), random: () => 0.25 })).toBe(2000);
    expect(fullJitter(40, { ...spec(), random: () => 0.5 })).toBe(150_000);
  });

  it('resets the backoff after a stable uptime', () => {
    const s = spec({ intensity: { maxRestarts: 100, windowMs: 1_000 } });
    const { history, now } = crashLoop(4, s);
    expect(history.attempt).toBe(4);
    const quick = decide(exit('crash', now, 1_000), history, now, s);
    expect(quick).toMatchObject({ action: 'restart', attempt: 5, delayMs: 8_000 });
    const stable = decide(exit('crash', now, s.stableAfterMs), history, now, s);
    expect(stable).toMatchObject({ action: 'restart', attempt: 1, delayMs: 500 });
  });

  it('stops a session as problematic once it restarted maxRestarts times within the window', () => {
    const s = spec({ intensity: { maxRestarts: 5, windowMs: 600_000 }, random: () => 0 });
    const { decisions } = crashLoop(6, s);
    expect(decisions.slice(0, 5).every((d) => d.action === 'restart')).toBe(true);
    expect(decisions[5]).toMatchObject({ action: 'stop', status: 'problematic' });
  });

  it('forgets restarts that left the intensity window', () => {
    const s = spec({ intensity: { maxRestarts: 2, windowMs: 60_000 }, random: () => 0 });
    const h: RestartHistory = { restarts: [0, 10_000], attempt: 2, globalRestarts: [] };
    expect(decide(exit('crash', 50_000), h, 50_000, s)).toMatchObject({ action: 'stop' });
    expect(decide(exit('crash', 60_001), h, 60_001, s)).toMatchObject({ action: 'restart' });
  });

  it('starts afresh after reset-attempts (empty history)', () => {
    const s = spec({ intensity: { maxRestarts: 1, windowMs: 600_000 } });
    const { decisions, now } = crashLoop(2, s);
    expect(decisions[1]).toMatchObject({ action: 'stop', status: 'problematic' });
    expect(decide(exit('crash', now), EMPTY_HISTORY, now, s)).toMatchObject({ action: 'restart', attempt: 1, delayMs: 500 });
  });

  it('recycles at once without growing the backoff', () => {
    const h: RestartHistory = { restarts: [1_000], attempt: 3, globalRestarts: [1_000] };
    const d = decide(exit('recycled', 5_000, 4_000), h, 5_000, spec());
    expect(d).toEqual({ action: 'restart', delayMs: 0, attempt: 3, reason: 'recycled' });
  });

  it('delays restarts past the global intensity without stopping anyone', () => {
    const s = spec({ globalIntensity: { maxRestarts: 3, windowMs: 10_000 }, random: () => 0 });
    const h: RestartHistory = { restarts: [], attempt: 0, globalRestarts: [1_000, 2_000, 3_000] };
    const d = decide(exit('crash', 4_000), h, 4_000, s);
    expect(d).toMatchObject({ action: 'restart', delayMs: 7_001 });
    expect(d.action === 'restart' && d.reason).toContain('global');
    expect(decide(exit('crash', 11_001), h, 11_001, s)).toMatchObject({ action: 'restart', delayMs: 0 });
  });

  it('spreads a crash storm\'s deferred restarts instead of firing them in the same millisecond', () => {
    // 150 sessions crash at the same instant; the node allows 100 restarts a minute.
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const s = spec({ random });
    let h: RestartHistory = EMPTY_HISTORY;
    const delays: number[] = [];
    for (let i = 0; i < 150; i++) {
      const d = decide(exit('crash', 0), { ...h, restarts: [], attempt: 0 }, 0, s);
      h = recordDecision(h, d, 0, s);
      if (d.action === 'restart' && d.reason.includes('global')) delays.push(d.delayMs);
    }
    expect(delays).toHaveLength(50);
    expect(Math.min(...delays)).toBeGreaterThan(60_000);
    expect(new Set(delays).size).toBeGreaterThan(45);
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(10_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(60_001 + 15_000);
  });
});

describe('recordDecision', () => {
  it('appends the restart to both lists and drops times outside the windows', () => {
    const s = spec({ intensity: { maxRestarts: 5, windowMs: 10_000 }, globalIntensity: { maxRestarts: 9, windowMs: 5_000 } });
    const h: RestartHistory = { restarts: [1_000, 15_000], attempt: 1, globalRestarts: [1_000, 14_000] };
    const next = recordDecision(h, { action: 'restart', delayMs: 10, attempt: 2, reason: 'crash' }, 20_000, s);
    expect(next).toEqual({ restarts: [15_000, 20_000], attempt: 2, globalRestarts: [20_000] });
  });

  it('leaves the history alone on a stop', () => {
    const h: RestartHistory = { restarts: [1], attempt: 1, globalRestarts: [1] };
    expect(recordDecision(h, { action: 'stop', status: 'logged_out', reason: 'x' }, 5, spec())).toBe(h);
  });
});
