/**
 * Cluster benchmark: N real session actors against the simulator on a throwaway embedded
 * database. Measures time until all N are linked and connected, RSS per idle actor, inbound
 * messages per second with end-to-end latency (contact send → hub event) p50/p99, and the
 * recovery time after a SIGKILL. A benchmark, not a test: nothing here asserts timings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubEvent } from '@switchboard/shared';
import { connectDatabase, disconnectDatabase, Session, silentLogger, startEmbeddedDb } from '@switchboard/shared/node';
import { Supervisor, withDefaults } from '@switchboard/supervisor';
import { recordHub } from '@switchboard/supervisor/testing';
import { startSimulator } from '@switchboard/wa-sim';

/** Results of one run. */
export interface ClusterBenchResult {
  sessions: number;
  connectAllMs: number;
  rssPerActorMb: number;
  inbound: { messages: number; perSecond: number; p50Ms: number; p99Ms: number };
  recoveryAfterKillMs: number;
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

/** Runs the cluster benchmark with `n` sessions and `perSession` inbound messages each. */
export async function runClusterBench(n: number, perSession = 20, concurrency = 4): Promise<ClusterBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cluster-'));
  const db = await startEmbeddedDb({ dataDir: join(dir, 'db') });
  const uri = `${db.uri.replace(/\/$/, '')}/bench`;
  await connectDatabase(uri, silentLogger());
  const sim = await startSimulator({ dataDir: join(dir, 'sim') });
  const sup = new Supervisor(
    withDefaults({
      logger: silentLogger(),
      dataDir: dir,
      actor: { mongoUri: uri, authStorage: 'mongo', logLevel: 'silent', wa: { websocketUrl: sim.wsUrl, trustRootHex: sim.trustRootHex, caCertPath: sim.caCertPath }, preloadChats: { type: 'individual', limit: 0 } },
      limits: { heartbeatMs: 1_000, missedHeartbeats: 30, deafAfterMs: 0, readyTimeoutMs: 120_000 },
      startConcurrency: concurrency,
      startSettleMs: 120_000,
    }),
  );
  const rec = recordHub(sup);
  try {
    const ids = Array.from({ length: n }, (_, i) => `bench-${i}`);
    const phone = (i: number) => `3470${String(i).padStart(7, '0')}`;
    for (const id of ids) await Session.create({ sessionId: id, name: id });
    sup.subscribe((e: HubEvent) => {
      const i = ids.indexOf(e.sessionId);
      if (e.type !== 'qr' || i < 0 || sim.phones.has(phone(i))) return;
      sim.createPhone({ phone: phone(i) });
      void sim.scanQr(phone(i), e.qr);
    });
    const t0 = performance.now();
    await sup.restoreAll();
    for (const id of ids) await rec.waitStatus(id, 'connected');
    const connectAllMs = performance.now() - t0;

    const rss = sup.snapshots().map((s) => s.rssBytes ?? 0).filter((b) => b > 0);
    const rssPerActorMb = rss.reduce((a, b) => a + b, 0) / Math.max(1, rss.length) / 1024 / 1024;

    const contact = '34799999999';
    sim.createContact({ phone: contact });
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let pending = 0;
    let allIn!: () => void;
    const done = new Promise<void>((r) => (allIn = r));
    sup.subscribe((e) => {
      if (e.type !== 'message' || !sentAt.has(e.message.id)) return;
      latencies.push(performance.now() - sentAt.get(e.message.id)!);
      sentAt.delete(e.message.id);
      if (--pending === 0) allIn();
    });
    // Warm-up: right after connecting, Baileys buffers events until its initial sync ends
    // (about 20 s against the simulator); measure the steady state after one message each.
    await Promise.all(
      ids.map(async (id, i) => {
        const { id: warm } = await sim.contactSend(contact, { to: phone(i), text: 'warm-up' });
        await rec.waitFor((e) => e.sessionId === id && e.type === 'message' && e.message.id === warm);
      }),
    );
    const t1 = performance.now();
    pending = n * perSession;
    await Promise.all(
      ids.map(async (_, i) => {
        for (let k = 0; k < perSession; k++) {
          const start = performance.now();
          const { id } = await sim.contactSend(contact, { to: phone(i), text: `bench ${k}` });
          if (!sentAt.has(id)) sentAt.set(id, start);
        }
      }),
    );
    await done;
    const inboundMs = performance.now() - t1;
    latencies.sort((a, b) => a - b);

    const victim = ids[0]!;
    const pid = sup.snapshot(victim)?.pid;
    const mark = rec.events.length;
    const t2 = performance.now();
    if (pid) process.kill(pid, 'SIGKILL');
    await rec.waitStatus(victim, 'connected', mark);
    const recoveryAfterKillMs = performance.now() - t2;

    return {
      sessions: n,
      connectAllMs: Math.round(connectAllMs),
      rssPerActorMb: Math.round(rssPerActorMb),
      inbound: {
        messages: n * perSession,
        perSecond: Math.round(((n * perSession) / inboundMs) * 1000 * 10) / 10,
        p50Ms: Math.round(pct(latencies, 50)),
        p99Ms: Math.round(pct(latencies, 99)),
      },
      recoveryAfterKillMs: Math.round(recoveryAfterKillMs),
    };
  } finally {
    rec.stop();
    await sup.shutdown();
    await sim.stop();
    await disconnectDatabase();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
