import { describe, expect, it } from 'vitest';
import { isEnvelope, type HeartbeatEnvelope } from '@switchboard/shared';
import { startHeartbeat } from './heartbeat.ts';

describe('startHeartbeat', () => {
  it('sends a well-formed heartbeat at once with memory, lag and counters', () => {
    const beats: HeartbeatEnvelope[] = [];
    const counters = { messagesIn: 3, messagesOut: 1, eventsSent: 9, reconnects: 0, lastTrafficAt: 123 };
    const stop = startHeartbeat(60_000, () => counters, (h) => beats.push(h));
    stop();
    expect(beats).toHaveLength(1);
    const [beat] = beats;
    expect(isEnvelope(beat)).toBe(true);
    expect(beat?.rssBytes).toBeGreaterThan(0);
    expect(beat?.heapUsedBytes).toBeGreaterThan(0);
    expect(beat?.eventLoopLagMs).toBeGreaterThanOrEqual(0);
    expect(beat?.counters).toEqual(counters);
  });
});
