/**
 * Benchmark (not a test): links N real Baileys clients to one WhatsApp simulator, exchanges
 * messages both ways and prints link time, messages per second and memory.
 * Usage: pnpm tsx tests/bench/sim-link.ts [clients=200] [messagesPerClient=5] [concurrency=8]
 */
import type { WASocket } from '@whiskeysockets/baileys';
import { startSimulator } from '@switchboard/wa-sim';
import { linkByQr, nextEvent } from '@switchboard/wa-sim/testing';

const clients = Number(process.argv[2] ?? 200);
const perClient = Number(process.argv[3] ?? 5);
const concurrency = Number(process.argv[4] ?? 4);

async function pool<T>(count: number, width: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await job(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
  return out;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

async function main(): Promise<void> {
  const sim = await startSimulator();
  const phone = (i: number) => String(15_560_000_000 + i);
  const contact = (i: number) => String(15_570_000_000 + i);
  for (let i = 0; i < clients; i++) {
    sim.createPhone({ phone: phone(i), name: `Bench ${i}` });
    sim.createContact({ phone: contact(i), name: `Peer ${i}` });
  }
  const linkTimes: number[] = [];
  const t0 = performance.now();
  const socks: WASocket[] = await pool(clients, concurrency, async (i) => {
    const start = performance.now();
    const { sock } = await linkByQr(sim, phone(i), undefined, { keepAliveIntervalMs: 120_000, timeoutMs: 120_000 });
    linkTimes.push(performance.now() - start);
    if (linkTimes.length % 50 === 0) console.error(`linked ${linkTimes.length}/${clients}`);
    return sock;
  });
  const linkWall = performance.now() - t0;
  linkTimes.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(linkTimes[Math.min(linkTimes.length - 1, Math.floor(p * linkTimes.length))] ?? 0);
  console.log(`linked ${clients} clients in ${(linkWall / 1000).toFixed(1)} s; per link p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms`);

  const t1 = performance.now();
  await pool(clients, 32, async (i) => {
    const sock = socks[i]!;
    for (let k = 0; k < perClient; k++) {
      const sent = await sock.sendMessage(`${contact(i)}@s.whatsapp.net`, { text: `out ${k}` });
      await sim.waitForReceived(contact(i), (m) => m.id === sent?.key.id, 60_000);
      const back = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.message?.conversation === `in ${k}`), 60_000);
      await sim.contactSend(contact(i), { to: phone(i), text: `in ${k}` });
      await back;
    }
  });
  const msgWall = (performance.now() - t1) / 1000;
  const total = clients * perClient * 2;
  console.log(`exchanged ${total} messages in ${msgWall.toFixed(1)} s: ${Math.round(total / msgWall)} msg/s`);
  const mem = process.memoryUsage();
  console.log(`process memory (simulator + ${clients} Baileys clients): rss ${mb(mem.rss)}, heap ${mb(mem.heapUsed)}`);
  for (const sock of socks) sock.end(undefined);
  await sim.stop();
}

void main().then(() => process.exit(0));
