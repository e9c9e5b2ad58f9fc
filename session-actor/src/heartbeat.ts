import { heartbeatEnvelope, type ActorCounters, type HeartbeatEnvelope } from '@switchboard/shared';
import { LoopLagSampler } from './loopLag.ts';

/**
 * Sends a heartbeat every `intervalMs` with RSS, heap, event-loop lag (mean lateness of a
 * sampling timer over the last interval, see LoopLagSampler) and the actor's counters. Returns
 * a stop function.
 */
export function startHeartbeat(
  intervalMs: number,
  counters: () => ActorCounters,
  send: (h: HeartbeatEnvelope) => void,
): () => void {
  const lag = new LoopLagSampler();
  const beat = () => {
    const mem = process.memoryUsage();
    const lagMs = lag.read().meanMs;
    send(
      heartbeatEnvelope({
        rssBytes: mem.rss,
        heapUsedBytes: mem.heapUsed,
        eventLoopLagMs: Math.round(lagMs * 100) / 100,
        counters: counters(),
      }),
    );
  };
  beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    lag.stop();
  };
}
