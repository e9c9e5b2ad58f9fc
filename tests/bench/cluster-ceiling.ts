/**
 * The ceiling of the cluster benchmark: the same inbound load delivered to bare Baileys clients
 * (no actor process, no database), linked to a simulator of its own inside the benchmark process
 * (bare Baileys' best case: no hop between the two).
 * Benchmark code: it measures, it never asserts.
 */
import type { WASocket } from '@whiskeysockets/baileys';
import { startSimulator } from '@switchboard/wa-sim';
import { linkByQr } from '@switchboard/wa-sim/testing';
import { inboundLoad, localSource, type LoadResult, type OnDelivered } from './cluster-load.ts';

/** Starts a simulator (data in `simDir`), links `n` bare Baileys clients, warms them up, runs the load and closes everything. */
export async function bareBaileysCeiling(simDir: string, n: number, perSession: number, concurrency: number, contact: string): Promise<LoadResult> {
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
    return await inboundLoad(localSource(sim), contact, phones, perSession, onDelivered);
  } finally {
    for (const sock of socks) sock.end(undefined);
    await sim.stop();
  }
}
