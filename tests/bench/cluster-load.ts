/**
 * The inbound loads of the cluster benchmark, shared by the actor run and the bare-Baileys
 * ceiling: every session gets messages from one simulated contact (each session's messages in
 * order, sessions in parallel); latency is contact send → delivery reported by the receiving
 * side. Benchmark code: it measures, it never asserts.
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

/** p50 and p99 of latencies in milliseconds (sorts them). */
export function percentiles(latencies: number[]): Pick<LoadResult, 'p50Ms' | 'p99Ms'> {
  latencies.sort((a, b) => a - b);
  return { p50Ms: Math.round(pct(latencies, 50)), p99Ms: Math.round(pct(latencies, 99)) };
}

/**
 * Latencies of `total` messages: `sent(id, start)` once the simulator gave a message its id (its
 * delivery may have been reported already), `allIn` resolves when every one was delivered and
 * rejects after `timeoutMs` saying how many are missing.
 */
function trackDeliveries(onDelivered: OnDelivered, total: number, timeoutMs: number) {
  const sentAt = new Map<string, number>();
  const arrivedEarly = new Map<string, number>();
  const latencies: number[] = [];
  let lastAt = 0;
  let finish!: () => void;
  let fail!: (err: Error) => void;
  const allIn = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
  if (total === 0) finish();
  const record = (id: string, arrived: number): void => {
    const start = sentAt.get(id);
    if (start === undefined) return;
    sentAt.delete(id);
    latencies.push(arrived - start);
    lastAt = Math.max(lastAt, arrived);
    if (latencies.length === total) finish();
  };
  const off = onDelivered((id) => {
    if (sentAt.has(id)) record(id, performance.now());
    else arrivedEarly.set(id, performance.now());
  });
  const timer = setTimeout(() => fail(new Error(`inbound load: ${total - latencies.length} of ${total} messages not delivered in ${timeoutMs} ms`)), timeoutMs);
  return {
    latencies,
    allIn,
    lastAt: () => lastAt,
    sent(id: string, start: number): void {
      sentAt.set(id, start);
      const early = arrivedEarly.get(id);
      if (early !== undefined) record(id, early);
    },
    stop(): void {
      clearTimeout(timer);
      off();
    },
  };
}

/**
 * Sends `perSession` messages from `contact` to each phone and resolves when all were delivered,
 * or rejects after `timeoutMs` saying how many are missing.
 */
export async function inboundLoad(sim: Sim, contact: string, phones: string[], perSession: number, onDelivered: OnDelivered, timeoutMs = 600_000): Promise<LoadResult> {
  const total = phones.length * perSession;
  const track = trackDeliveries(onDelivered, total, timeoutMs);
  try {
    const t0 = performance.now();
    const sending = Promise.all(
      phones.map(async (phone) => {
        for (let k = 0; k < perSession; k++) {
          const start = performance.now();
          const { id } = await sim.contactSend(contact, { to: phone, text: `bench ${k}` });
          track.sent(id, start);
        }
      }),
    );
    await Promise.all([sending, track.allIn]);
    const ms = performance.now() - t0;
    return { messages: total, perSecond: Math.round((total / ms) * 1000 * 10) / 10, ...percentiles(track.latencies) };
  } finally {
    track.stop();
  }
}

/**
 * An open-loop load: `count` messages from `contact` at `perSecond`, round robin over the phones
 * (one send at a time per phone, so each session's messages stay in order). A message's latency
 * counts from the moment it was due, not from when it was sent: a generator or simulator that
 * falls behind shows in the figures instead of hiding the queue. `perSecond` in the result is
 * the rate delivered (messages over first due → last delivery).
 */
export async function pacedLoad(sim: Sim, contact: string, phones: string[], perSecond: number, count: number, onDelivered: OnDelivered, timeoutMs = 600_000): Promise<LoadResult> {
  const track = trackDeliveries(onDelivered, count, timeoutMs);
  const chains = new Map<string, Promise<void>>();
  try {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const due = t0 + (i * 1000) / perSecond;
      const wait = due - performance.now();
      // The load's clock: a generator paces its sends, it does not wait for an outcome.
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const phone = phones[i % phones.length]!;
      const before = chains.get(phone) ?? Promise.resolve();
      chains.set(phone, before.then(async () => {
        const { id } = await sim.contactSend(contact, { to: phone, text: `paced ${i}` });
        track.sent(id, due);
      }));
    }
    await Promise.all([...chains.values(), track.allIn]);
    const ms = track.lastAt() - t0;
    return { messages: count, perSecond: Math.round((count / ms) * 1000 * 10) / 10, ...percentiles(track.latencies) };
  } finally {
    track.stop();
  }
}
