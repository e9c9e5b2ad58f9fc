/**
 * The outbound load of the cluster benchmark (issue 13): every session sends `perSession` texts
 * through the hub (what the REST send route does once it has validated the request), sessions
 * in parallel and each session's sends one after the other; latency is "accepted" (stored
 * pending, the API's 202) → WhatsApp's server ack (`message-sent`). Benchmark code: it
 * measures, it never asserts.
 */
import type { HubEvent, SessionHub } from '@switchboard/shared';
import type { LoadResult } from './cluster-load.ts';

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

/**
 * Sends `perSession` texts from each session to `contacts`, round robin; resolves when WhatsApp
 * acked all of them. `tag` keeps the sends' idempotency keys apart from other runs'.
 */
export async function outboundLoad(hub: Pick<SessionHub, 'send' | 'subscribe'>, sessionIds: string[], contacts: string[], perSession: number, tag = 'out', timeoutMs = 600_000): Promise<LoadResult> {
  const total = sessionIds.length * perSession;
  const acceptedAt = new Map<string, number>();
  const ackedEarly = new Map<string, number>();
  const latencies: number[] = [];
  let finish!: () => void;
  const allAcked = new Promise<void>((resolve) => (finish = resolve));
  const record = (id: string, at: number): void => {
    const start = acceptedAt.get(id);
    if (start === undefined) return;
    acceptedAt.delete(id);
    latencies.push(at - start);
    if (latencies.length === total) finish();
  };
  const off = hub.subscribe((e: HubEvent) => {
    if (e.type !== 'message-sent') return;
    if (acceptedAt.has(e.message.id)) record(e.message.id, performance.now());
    else ackedEarly.set(e.message.id, performance.now());
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`outbound load: ${total - latencies.length} of ${total} sends not acked in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const t0 = performance.now();
    const sending = Promise.all(
      sessionIds.map(async (sessionId) => {
        for (let k = 0; k < perSession; k++) {
          const start = performance.now();
          const to = contacts[k % contacts.length]!;
          const { messageId } = await hub.send(sessionId, { to, kind: 'text', text: `salida ${k}`, clientId: `bench-${tag}-${sessionId}-${k}` });
          acceptedAt.set(messageId, start);
          const early = ackedEarly.get(messageId);
          if (early !== undefined) record(messageId, early);
        }
      }),
    );
    await Promise.race([Promise.all([sending, total ? allAcked : Promise.resolve()]), timedOut]);
    const ms = performance.now() - t0;
    latencies.sort((a, b) => a - b);
    return { messages: total, perSecond: Math.round((total / ms) * 1000 * 10) / 10, p50Ms: Math.round(pct(latencies, 50)), p99Ms: Math.round(pct(latencies, 99)) };
  } finally {
    clearTimeout(timer);
    off();
  }
}
