/**
 * The inbound loads of the cluster benchmark, shared by the actor run and the bare-Baileys
 * ceiling: every session gets messages from one simulated contact (each session's messages in
 * order, sessions in parallel); latency is contact send → delivery reported by the receiving
 * side. The sends run where the simulator runs (a `LoadSource`: in this process, or in the
 * simulator's own, sim-process.ts) and report when each message was sent or due on `clock()`,
 * which both processes read alike; deliveries are timed here. Benchmark code: it measures, it
 * never asserts.
 */

/** What a load needs of the simulator: a contact's send. */
export interface Sim {
  contactSend(contact: string, input: { to: string; text: string }): Promise<{ id: string }>;
}

/** Milliseconds on a clock every process on the machine reads alike (high resolution). */
export const clock = (): number => performance.timeOrigin + performance.now();

/** A message sent by a load: its id and when it was sent (closed loop) or due (open loop), on `clock()`. */
export interface Sent {
  id: string;
  at: number;
}

/** Where a load's messages come from. */
export interface LoadSource {
  /** `perSession` messages to each phone, each phone's one after the other, phones in parallel. */
  inbound(contact: string, phones: string[], perSession: number): Promise<Sent[]>;
  /** `count` messages at `perSecond`, round robin over the phones (see sendPaced). */
  paced(contact: string, phones: string[], perSecond: number, count: number): Promise<Sent[]>;
}

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

/** Sends `perSession` messages from `contact` to each phone, each phone's one after the other. */
export async function sendInbound(sim: Sim, contact: string, phones: string[], perSession: number): Promise<Sent[]> {
  const sent: Sent[] = [];
  await Promise.all(
    phones.map(async (phone) => {
      for (let k = 0; k < perSession; k++) {
        const at = clock();
        const { id } = await sim.contactSend(contact, { to: phone, text: `bench ${k}` });
        sent.push({ id, at });
      }
    }),
  );
  return sent;
}

/**
 * An open-loop load: `count` messages from `contact` at `perSecond`, round robin over the phones
 * (one send at a time per phone, so each session's messages stay in order). A message's time
 * is when it was due, not when it was sent: a generator or simulator that falls behind shows in
 * the latencies instead of hiding the queue.
 */
export async function sendPaced(sim: Sim, contact: string, phones: string[], perSecond: number, count: number): Promise<Sent[]> {
  const sent: Sent[] = [];
  const chains = new Map<string, Promise<void>>();
  const t0 = clock();
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / perSecond;
    const wait = due - clock();
    // The load's clock: a generator paces its sends, it does not wait for an outcome.
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const phone = phones[i % phones.length]!;
    const before = chains.get(phone) ?? Promise.resolve();
    chains.set(phone, before.then(async () => {
      const { id } = await sim.contactSend(contact, { to: phone, text: `paced ${i}` });
      sent.push({ id, at: due });
    }));
  }
  await Promise.all(chains.values());
  return sent;
}

/** A simulator in this process as a load source. */
export function localSource(sim: Sim): LoadSource {
  return {
    inbound: (contact, phones, perSession) => sendInbound(sim, contact, phones, perSession),
    paced: (contact, phones, perSecond, count) => sendPaced(sim, contact, phones, perSecond, count),
  };
}

/**
 * Runs `send` while timing deliveries, and resolves once every message it sent was delivered
 * (or rejects after `timeoutMs` saying how many are missing). `perSecond` is the rate delivered:
 * messages over first send (or due time) → last delivery.
 */
async function measure(onDelivered: OnDelivered, timeoutMs: number, send: () => Promise<Sent[]>): Promise<LoadResult> {
  const arrived = new Map<string, number>();
  let waiting: Set<string> | null = null;
  let allIn!: () => void;
  const done = new Promise<void>((resolve) => (allIn = resolve));
  const off = onDelivered((id) => {
    if (arrived.has(id)) return; // announced again: the first delivery counts
    arrived.set(id, clock());
    if (waiting?.delete(id) && waiting.size === 0) allIn();
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`inbound load: ${waiting ? `${waiting.size} messages` : 'sends'} not delivered in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const sent = await Promise.race([send(), timedOut]);
    waiting = new Set(sent.map((s) => s.id).filter((id) => !arrived.has(id)));
    if (waiting.size > 0) await Promise.race([done, timedOut]);
    const latencies = sent.map((s) => arrived.get(s.id)! - s.at);
    const first = Math.min(...sent.map((s) => s.at));
    const last = Math.max(...sent.map((s) => arrived.get(s.id)!));
    return { messages: sent.length, perSecond: Math.round((sent.length / (last - first)) * 1000 * 10) / 10, ...percentiles(latencies) };
  } finally {
    clearTimeout(timer);
    off();
  }
}

/** Sends `perSession` messages from `contact` to each phone and resolves when all were delivered. */
export function inboundLoad(source: LoadSource, contact: string, phones: string[], perSession: number, onDelivered: OnDelivered, timeoutMs = 600_000): Promise<LoadResult> {
  return measure(onDelivered, timeoutMs, () => source.inbound(contact, phones, perSession));
}

/** The open-loop load of sendPaced; latencies count from each message's due time. */
export function pacedLoad(source: LoadSource, contact: string, phones: string[], perSecond: number, count: number, onDelivered: OnDelivered, timeoutMs = 600_000): Promise<LoadResult> {
  return measure(onDelivered, timeoutMs, () => source.paced(contact, phones, perSecond, count));
}
