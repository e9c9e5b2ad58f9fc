import { monitorEventLoopDelay } from 'node:perf_hooks';
import { heartbeatEnvelope, type ActorCounters, type HeartbeatEnvelope } from '@switchboard/shared';

/**
 * Sends a heartbeat every `intervalMs` with RSS, heap, event-loop lag (mean delay over the
 * last interval, from perf_hooks) and the actor's counters. Returns a stop function.
 */
export function startHeartbeat(
  intervalMs: number,
  counters: () => ActorCounters,
  send: (h: HeartbeatEnvelope) => void,
): () => void {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const beat = () => {
    const mem = process.memoryUsage();
    const lagNs = Number.isFinite(histogram.mean) ? histogram.mean : 0;
    histogram.reset();
    send(
      heartbeatEnvelope({
        rssBytes: mem.rss,
        heapUsedBytes: mem.heapUsed,
        eventLoopLagMs: Math.round(lagNs / 1e4) / 100,
        counters: counters(),
      }),
    );
  };
  beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    histogram.disable();
  };
}
