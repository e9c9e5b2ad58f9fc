import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../supervisorOptions.ts';
import { assess, isDeaf, type ActorVitals } from './assess.ts';

const limits = { ...DEFAULT_LIMITS, heartbeatMs: 1_000, missedHeartbeats: 3, rssBudgetBytes: 100, deafAfterMs: 10_000 };
const base: ActorVitals = {
  status: 'connected',
  ready: true,
  lastHeartbeatAt: 0,
  rssBytes: 50,
  lastTrafficAt: 0,
  connectedSince: 0,
  probing: false,
  waitingLinkSince: null,
};

describe('assess', () => {
  it('leaves a healthy actor alone', () => {
    expect(assess(base, 2_000, limits)).toBe('ok');
  });

  it('calls an actor hung once more than missedHeartbeats intervals passed without one', () => {
    expect(assess(base, 3_000, limits)).toBe('ok');
    expect(assess(base, 3_001, limits)).toBe('hung');
  });

  it('does not judge an actor that is still starting', () => {
    expect(assess({ ...base, ready: false }, 60_000, limits)).toBe('ok');
  });

  it('recycles an actor over its RSS budget, unless the budget is disabled', () => {
    expect(assess({ ...base, rssBytes: 101 }, 1_000, limits)).toBe('over_rss');
    expect(assess({ ...base, rssBytes: 101 }, 1_000, { ...limits, rssBudgetBytes: 0 })).toBe('ok');
  });

  it('stops a session nobody linked within linkTimeoutMs, counted from its first code, unless disabled', () => {
    const waiting = { ...base, status: 'qr' as const, lastHeartbeatAt: 600_000, connectedSince: null, waitingLinkSince: 0 };
    const link = { ...limits, linkTimeoutMs: 600_000 };
    expect(assess(waiting, 600_000, link)).toBe('ok');
    expect(assess(waiting, 600_001, link)).toBe('unlinked');
    // Between two codes the actor reconnects: still the same wait.
    expect(assess({ ...waiting, status: 'reconnecting' }, 600_001, link)).toBe('unlinked');
    expect(assess(waiting, 600_001, { ...link, linkTimeoutMs: 0 })).toBe('ok');
  });

  it('probes a connected session that heard nothing for deafAfterMs, once at a time', () => {
    const v = { ...base, lastHeartbeatAt: 10_500 };
    expect(assess(v, 10_001, limits)).toBe('probe');
    expect(assess({ ...v, probing: true }, 10_001, limits)).toBe('ok');
    expect(assess({ ...v, lastTrafficAt: 5_000 }, 10_001, limits)).toBe('ok');
  });
});

describe('isDeaf', () => {
  it('only applies to connected sessions and counts from the connection when there was no traffic', () => {
    expect(isDeaf({ status: 'qr', lastTrafficAt: null, connectedSince: null }, 99_999, 10)).toBe(false);
    expect(isDeaf({ status: 'connected', lastTrafficAt: null, connectedSince: 5_000 }, 15_000, 10_000)).toBe(false);
    expect(isDeaf({ status: 'connected', lastTrafficAt: null, connectedSince: 5_000 }, 15_001, 10_000)).toBe(true);
    expect(isDeaf({ status: 'connected', lastTrafficAt: 0, connectedSince: 0 }, 99_999, 0)).toBe(false);
  });
});
