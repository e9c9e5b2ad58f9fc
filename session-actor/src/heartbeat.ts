import { heartbeatEnvelope, type ActorCounters, type HeartbeatEnvelope } from '@switchboard/shared';
import { IdleCollector } from './idleCollector.ts';
import { LoopLagSampler } from './loopLag.ts';

/** How long an actor must be quiet (no message, no event) before it collects its garbage once. */
export const IDLE_GC_AFTER_MS = 30_000;

/**
 * Sends a heartbeat every `intervalMs` with RSS, heap, event-loop lag (mean lateness of a
 * sampling timer over the last interval, see LoopLagSampler) and the actor's counters; after
 * IDLE_GC_AFTER_MS without messages or events, collects garbage once first (IdleCollector), so
 * the memory it reports is what an idle actor holds. Returns a stop function.
 */
export function startHeartbeat(
  intervalMs: number,
  counters: () => ActorCounters,
  send: (h: HeartbeatEnvelope) => void,
): () => void {
  const lag = new LoopLagSampler();
  const idle = new IdleCollector(IDLE_GC_AFTER_MS, () => {
    const c = counters();
    return c.messagesIn + c.messagesOut + c.eventsSent;
  });
  const beat = () => {
    idle.check();
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
