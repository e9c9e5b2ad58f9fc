/**
 * The ceiling of the cluster benchmark: the same inbound load delivered to bare Baileys clients
 * (no actor process, no database), linked to a simulator of its own inside the benchmark process
 * (bare Baileys' best case: no hop between the two); then the same outbound load sent by them
 * (each client's texts one after the other, timed to WhatsApp's server ack, as the actors'
 * outbox counts a send), with the CPU it cost.
 * Benchmark code: it measures, it never asserts.
 */
import type { BinaryNode, WASocket } from '@whiskeysockets/baileys';
import { startSimulator } from '@switchboard/wa-sim';
import { linkByQr } from '@switchboard/wa-sim/testing';
import { inboundLoad, localSource, percentiles, type LoadResult, type OnDelivered } from './cluster-load.ts';

/** What bare Baileys does on this machine: the inbound load, and the outbound load with its CPU. */
export interface BareCeiling {
  inbound: LoadResult;
  outbound: LoadResult;
  /** CPU milliseconds per outbound message of the whole benchmark process (Baileys and the simulator). */
  outboundCpuMs: number;
}

/**
 * Every client sends `perSession` texts to `contact`, one after the other (as a session's outbox
 * does for one chat), all clients at once; each is timed from its `sendMessage` call to the
 * server's ack of its id.
 */
async function bareOutbound(socks: WASocket[], contact: string, perSession: number): Promise<LoadResult> {
  const jid = `${contact}@s.whatsapp.net`;
  const started = new Map<string, number>();
  const acked = new Map<string, number>();
  const latencies: number[] = [];
  const total = socks.length * perSession;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const record = (id: string): void => {
    const t0 = started.get(id);
    if (t0 === undefined) return;
    started.delete(id);
    latencies.push(acked.get(id)! - t0);
    if (latencies.length === total) finish();
  };
  const offs = socks.map((sock) => {
    const onAck = (node: BinaryNode) => {
      const id = node.attrs.id;
      if (!id) return;
      acked.set(id, performance.now());
      record(id);
    };
    sock.ws.on('CB:ack,class:message', onAck);
    return () => sock.ws.off('CB:ack,class:message', onAck);
  });
  try {
    const t0 = performance.now();
    await Promise.all(
      socks.map(async (sock) => {
        for (let k = 0; k < perSession; k++) {
          const start = performance.now();
          const sent = await sock.sendMessage(jid, { text: `salida ${k}` });
          const id = sent?.key.id;
          if (!id) continue;
          started.set(id, start);
          if (acked.has(id)) record(id);
        }
      }),
    );
    if (total) await done;
    const ms = performance.now() - t0;
    return { messages: total, perSecond: Math.round((total / ms) * 1000 * 10) / 10, ...percentiles(latencies) };
  } finally {
    offs.forEach((off) => off());
  }
}

/** Starts a simulator (data in `simDir`), links `n` bare Baileys clients, warms them up, runs the loads and closes everything. */
export async function bareBaileysCeiling(simDir: string, n: number, perSession: number, concurrency: number, contact: string): Promise<BareCeiling> {
  const sim = await startSimulator({ dataDir: simDir, snapshots: false });
  sim.createContact({ phone: contact });
  const phones = Array.from({ length: n }, (_, i) => `3480${String(i).padStart(7, '0')}`);
  const socks: WASocket[] = [];
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < n) {
        const phone = phones[next++]!;
        sim.createPhone({ phone });
        const { sock } = await linkByQr(sim, phone, undefined, { keepAliveIntervalMs: 120_000, timeoutMs: 120_000 });
        socks.push(sock);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
    const onDelivered: OnDelivered = (listener) => {
      const handlers = socks.map((sock) => {
        const h = ({ messages }: { messages: { key: { id?: string | null; fromMe?: boolean | null } }[] }) => {
          for (const m of messages) if (!m.key.fromMe && m.key.id) listener(m.key.id);
        };
        sock.ev.on('messages.upsert', h);
        return () => sock.ev.off('messages.upsert', h);
      });
      return () => handlers.forEach((off) => off());
    };
    // Warm-up like the actors: Baileys buffers events until its initial sync ends.
    await inboundLoad(localSource(sim), contact, phones, 1, onDelivered);
    const inbound = await inboundLoad(localSource(sim), contact, phones, perSession, onDelivered);
    const cpu0 = process.cpuUsage();
    const outbound = await bareOutbound(socks, contact, perSession);
    const cpu = process.cpuUsage(cpu0);
    return { inbound, outbound, outboundCpuMs: outbound.messages ? Math.round(((cpu.user + cpu.system) / 1000 / outbound.messages) * 100) / 100 : 0 };
  } finally {
    for (const sock of socks) sock.end(undefined);
    await sim.stop();
  }
}
