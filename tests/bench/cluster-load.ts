/**
 * The inbound load of the cluster benchmark, shared by the actor run and the bare-Baileys
 * ceiling: every session gets `perSession` messages from one simulated contact (each session's
 * messages in order, sessions in parallel); latency is contact send → delivery reported by the
 * receiving side. Benchmark code: it measures, it never asserts.
 */
import type { startSimulator } from '@switchboard/wa-sim';

/** A running simulator. */
export type Sim = Awaited<ReturnType<typeof startSimulator>>;

/** Throughput and latency of one load. */
export interface LoadResult {
  messages: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Subscribes to deliveries (message ids); returns the unsubscribe function. */
export type OnDelivered = (listener: (messageId: string) => void) => () => void;

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

/**
 * Sends `perSession` messages from `contact` to each phone and resolves when all were delivered,
 * or rejects after `timeoutMs` saying how many are missing.
 */
export async function inboundLoad(sim: Sim, contact: string, phones: string[], perSession: number, onDelivered: OnDelivered, timeoutMs = 600_000): Promise<LoadResult> {
  const total = phones.length * perSession;
  const sentAt = new Map<string, number>();
  const arrivedEarly = new Map<string, number>();
  const latencies: number[] = [];
  let finish!: () => void;
  const allIn = new Promise<void>((resolve) => (finish = resolve));
  const record = (id: string, arrived: number): void => {
    const start = sentAt.get(id);
    if (start === undefined) return;
    sentAt.delete(id);
    latencies.push(arrived - start);
    if (latencies.length === total) finish();
  };
  const off = onDelivered((id) => {
    if (sentAt.has(id)) record(id, performance.now());
    else arrivedEarly.set(id, performance.now());
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`inbound load: ${total - latencies.length} of ${total} messages not delivered in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const t0 = performance.now();
    const sending = Promise.all(
      phones.map(async (phone) => {
        for (let k = 0; k < perSession; k++) {
          const start = performance.now();
          const { id } = await sim.contactSend(contact, { to: phone, text: `bench ${k}` });
          sentAt.set(id, start);
          const early = arrivedEarly.get(id);
          if (early !== undefined) record(id, early);
        }
      }),
    );
    await Promise.race([Promise.all([sending, total ? allIn : Promise.resolve()]), timedOut]);
    const ms = performance.now() - t0;
    latencies.sort((a, b) => a - b);
    return {
      messages: total,
      perSecond: Math.round((total / ms) * 1000 * 10) / 10,
      p50Ms: Math.round(pct(latencies, 50)),
      p99Ms: Math.round(pct(latencies, 99)),
    };
  } finally {
    clearTimeout(timer);
    off();
  }
}
