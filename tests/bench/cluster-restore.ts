/**
 * The node-restart phase of the cluster benchmark: the supervisor stops gracefully (as `pnpm
 * start` does on SIGTERM), a new one starts on the same database and restores every session
 * with its bounded start concurrency. Measures the time until every session is `connected`
 * again, until every session has taken one new inbound message, the CPU each actor spent to get
 * there. A session that asks for a QR instead (a lost pairing) ends the run with an error.
 * Benchmark code: it measures, it never asserts.
 */
import type { HubEvent } from '@switchboard/shared';
import type { Supervisor } from '@switchboard/supervisor';
import { recordHub } from '@switchboard/supervisor/testing';
import { inboundLoad, type LoadSource, type OnDelivered } from './cluster-load.ts';
import { actorPids, cpuWindow, meanMemoryMb } from './cluster-memory.ts';

/** What a node restart cost. */
export interface RestoreResult {
  sessions: number;
  concurrency: number;
  /** New supervisor constructed → every session `connected`. */
  connectedMs: number;
  /** New supervisor constructed → one new inbound message stored and announced for every session. */
  servingMs: number;
  /** Mean CPU seconds per actor from fork to serving. */
  cpuSecondsPerActor: number;
  /** CPU seconds, start to serving, of all actors together, of the embedded database, of the bench process (supervisor, simulator, hub). */
  cpu: { actors: number; db: number; bench: number };
  /** Embedded database requests per restored session (with the inbound message that proves it serves), by command. */
  db?: { perSession: number; top: Record<string, number> };
}

/**
 * Restores `ids` with `sup`, a new supervisor on the stopped one's database (the caller owns
 * and stops it), and measures it.
 */
export async function measureRestore(sup: Supervisor, ids: string[], phones: string[], sim: LoadSource, contact: string, concurrency: number, dbPid: number): Promise<RestoreResult> {
  const t0 = performance.now();
  const window = cpuWindow([], dbPid);
  const rec = recordHub(sup.hub);
  // A QR after a restart means a lost pairing: nobody scans it, so say so instead of waiting.
  let offQr = (): void => undefined;
  const lostPairing = new Promise<never>((_, reject) => {
    offQr = sup.hub.subscribe((e: HubEvent) => {
      if (e.type === 'qr') reject(new Error(`restore: session ${e.sessionId} asked for a QR after the restart (its pairing was lost)`));
    });
  });
  try {
    await Promise.race([lostPairing, (async () => {
      await sup.restoreAll();
      for (const id of ids) await rec.waitStatus(id, 'connected');
    })()]);
    const connectedMs = performance.now() - t0;
    const onDelivered: OnDelivered = (listener) => sup.hub.subscribe((e) => e.type === 'message' && listener(e.message.id));
    await inboundLoad(sim, contact, phones, 1, onDelivered);
    const servingMs = performance.now() - t0;
    const split = window();
    const pids = actorPids(sup.hub);
    const perActor = meanMemoryMb(pids);
    return {
      sessions: ids.length,
      concurrency,
      connectedMs: Math.round(connectedMs),
      servingMs: Math.round(servingMs),
      cpuSecondsPerActor: perActor.cpuSeconds,
      cpu: { actors: Math.round(perActor.cpuSeconds * perActor.measured), db: split.dbCpuSeconds, bench: split.benchCpuSeconds },
    };
  } finally {
    offQr();
    rec.stop();
  }
}
