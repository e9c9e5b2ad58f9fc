import { describe, expect, it } from 'vitest';
import type { ActorSnapshot } from '@switchboard/shared';
import { buildHealthReport } from './healthReport.ts';

const base: ActorSnapshot = {
  sessionId: 's',
  status: 'connected',
  pid: 10,
  startedAt: 1_000,
  restarts: 0,
  lastHeartbeatAt: 4_000,
  rssBytes: 100,
  heapUsedBytes: 50,
  eventLoopLagMs: 2,
  lastError: null,
  lastDisconnectCause: null,
  outboxDepth: null,
};

describe('buildHealthReport', () => {
  it('reports uptime, issues and counts per status', () => {
    const report = buildHealthReport(
      [
        base,
        { ...base, sessionId: 'p', status: 'problematic', pid: null, startedAt: null, restarts: 5, lastError: 'crash (code 1)' },
        { ...base, sessionId: 'slow', eventLoopLagMs: 2_500, restarts: 1 },
        { ...base, sessionId: 'off', status: 'stopped', pid: null, startedAt: null },
      ],
      5_000,
    );
    expect(report).toMatchObject({ at: 5_000, total: 4, healthy: 3, byStatus: { connected: 2, problematic: 1, stopped: 1 } });
    expect(report.sessions[0]).toMatchObject({ sessionId: 's', healthy: true, uptimeMs: 4_000, issues: [] });
    expect(report.sessions[1]).toMatchObject({ healthy: false, uptimeMs: null, issues: ['status problematic', '5 restarts'], lastError: 'crash (code 1)' });
    expect(report.sessions[2]).toMatchObject({ healthy: true, issues: ['event loop lag 2500 ms', '1 restarts'] });
    expect(report.sessions[3]).toMatchObject({ healthy: true, issues: [] });
  });

  it('flags a session that should run but has no actor', () => {
    const report = buildHealthReport([{ ...base, status: 'reconnecting', pid: null }], 0);
    expect(report.sessions[0]).toMatchObject({ healthy: false, issues: ['no actor running'] });
  });
});
