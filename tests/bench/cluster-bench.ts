/**
 * Cluster benchmark: N real session actors against the simulator on a throwaway embedded
 * database. Measures time until all N are linked and connected, RSS and PSS per idle actor,
 * inbound messages per second with end-to-end latency (contact send → stored → hub event)
 * p50/p99, the recovery time after a SIGKILL, the restore after a node restart, and, in the
 * same run and simulator, the same inbound load delivered to bare Baileys clients (no actor, no
 * database) as the ceiling.
 * A benchmark, not a test: nothing here asserts timings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HubEvent } from '@switchboard/shared';
import { connectDatabase, disconnectDatabase, Session, silentLogger, startEmbeddedDb } from '@switchboard/shared/node';
import { Supervisor, withDefaults } from '@switchboard/supervisor';
import { recordHub } from '@switchboard/supervisor/testing';
import { IDLE_GC_AFTER_MS } from '../../session-actor/src/heartbeat.ts';
import { bareBaileysCeiling } from './cluster-ceiling.ts';
import { inboundLoad, pacedLoad, percentiles, type LoadResult, type OnDelivered } from './cluster-load.ts';
import { actorPids, cpuMsPerMessage, cpuWindow, meanMemoryMb, type CpuPerMessage, type CpuSplit } from './cluster-memory.ts';
import { outboundLoad } from './cluster-outbound.ts';
import { measureRestore, type RestoreResult } from './cluster-restore.ts';
import { dbProfileAfter, dbRequestsPerMessage, requestsPerSession, type DbRequestsPerMessage } from './db-profile.ts';
import { startSimProcess } from './sim-process.ts';

/** How the actors run: the precompiled bundle (default) or the TypeScript sources under tsx. */
export type ActorMode = 'dist' | 'tsx';

/** How to run it. */
export interface ClusterBenchOptions {
  /** Inbound (and outbound) messages per session. */
  perSession: number;
  /** The supervisor's start concurrency (connect all, restore). */
  concurrency: number;
  mode: ActorMode;
  /** Also measure bare Baileys (the ceiling). */
  ceiling: boolean;
  /**
   * Only this phase after connect, warm-up and idle memory (the other figures are zero): the
   * quick loop while working on the send path, or a restore at sizes the loads would take long at.
   */
  only?: 'inbound' | 'outbound' | 'restore';
}

export const CLUSTER_BENCH_DEFAULTS: ClusterBenchOptions = { perSession: 20, concurrency: 4, mode: 'dist', ceiling: true };

/** Results of one run. */
export interface ClusterBenchResult {
  sessions: number;
  actorMode: ActorMode;
  connectAllMs: number;
  /** From all connected until one message reached every session (Baileys' initial sync). */
  warmUpMs: number;
  /** Mean over actors once idle (after connect, warm-up and a quiet spell); CPU seconds are those spent to get there. */
  idleActor: { rssMb: number; pssMb: number; heapUsedMb: number; cpuSeconds: number; measured: number };
  /** CPU of the connected, idle node over a window (heartbeats, timers, driver monitoring, keep-alives). */
  idleCpu: CpuSplit;
  /** CPU per message of the inbound and outbound loads (to the end of the load, so the outbound one leaves out receipts that come after the acks). */
  inboundCpu: CpuPerMessage;
  outboundCpu: CpuPerMessage;
  inbound: LoadResult;
  /** One message at a time to one session on the otherwise idle node (SINGLE_MESSAGES in a row). */
  single: LoadResult;
  /** Open-loop load at half the inbound throughput measured (`perSecond`: the rate delivered). */
  halfLoad: LoadResult;
  /** API accepted → WhatsApp's ack, every session sending at once, all to one chat. */
  outbound: LoadResult;
  /** The same with each session's sends spread round robin over OUTBOUND_CHATS chats. */
  outboundChats: LoadResult;
  outboundChatsCpu: CpuPerMessage;
  ceiling: LoadResult | null;
  /** Actor throughput as a fraction of the bare-Baileys ceiling. */
  ratio: number | null;
  /** The outbound load sent by bare Baileys clients (to one chat, timed to the server ack), and its CPU per message. */
  outboundCeiling: LoadResult | null;
  outboundCeilingCpuMs: number | null;
  /** Actor outbound throughput (one chat) as a fraction of bare Baileys'. */
  outboundRatio: number | null;
  recoveryAfterKillMs: number;
  /** The node stopped gracefully and a new supervisor restored every session. */
  restore: RestoreResult | null;
  /** Embedded database requests per inbound message (from its request profile). */
  db: DbRequestsPerMessage;
  /** Database requests per message during the half load (paced: less batching than `db`). */
  halfLoadDb: DbRequestsPerMessage;
  /** The same per outbound message. */
  outboundDb: DbRequestsPerMessage;
}

/** Phase results as they come (a 50-session run takes many minutes). */
const progress = (what: string, value: unknown): boolean => process.stderr.write(`  ${what}: ${JSON.stringify(value)}\n`);

const tsxEntry = resolve(dirname(fileURLToPath(import.meta.url)), '../../session-actor/src/main.ts');

/** How long the idle node's CPU is watched (measurement windows, not waits for something). */
const IDLE_CPU_WINDOW_MS = 10_000;
/** Single messages sent one after the other to the idle node. */
const SINGLE_MESSAGES = 100;
/** The half load lasts this long (at least HALF_LOAD_MIN_MESSAGES messages). */
const HALF_LOAD_SECONDS = 10;
const HALF_LOAD_MIN_MESSAGES = 100;
/** Chats each session sends to in the second outbound load (a business answering many customers). */
export const OUTBOUND_CHATS = 8;

/** A phase that did not run (`only`). */
const SKIPPED: LoadResult = { messages: 0, perSecond: 0, p50Ms: NaN, p99Ms: NaN };
const NO_DB_COST: DbRequestsPerMessage = { perMessage: 0, idlePerSecond: 0, top: {}, writeMsPerMessage: 0, writeMsTop: {} };

/** Runs the cluster benchmark with `n` sessions. */
export async function runClusterBench(n: number, options: Partial<ClusterBenchOptions> = {}): Promise<ClusterBenchResult> {
  const { perSession, concurrency, mode, ceiling, only } = { ...CLUSTER_BENCH_DEFAULTS, ...options };
  const runs = (phase: 'inbound' | 'outbound' | 'restore'): boolean => only === undefined || only === phase;
  const dir = mkdtempSync(join(tmpdir(), 'bench-cluster-'));
  const profileFile = join(dir, 'db-profile.json');
  const db = await startEmbeddedDb({ dataDir: join(dir, 'db'), profileFile });
  const uri = `${db.uri.replace(/\/$/, '')}/bench`;
  await connectDatabase(uri, silentLogger());
  // WhatsApp's side in a process of its own, as in production (sim-process.ts).
  const sim = await startSimProcess();
  const makeSupervisor = (): Supervisor => new Supervisor(
    withDefaults({
      logger: silentLogger(),
      dataDir: dir,
      ...(mode === 'tsx' ? { actorEntry: tsxEntry } : {}),
      actor: { mongoUri: uri, authStorage: 'mongo', logLevel: 'silent', wa: { websocketUrl: sim.wsUrl, trustRootHex: sim.trustRootHex, caCertPath: sim.caCertPath }, preloadChats: { type: 'individual', limit: 0 } },
      limits: { heartbeatMs: 1_000, missedHeartbeats: 30, deafAfterMs: 0, readyTimeoutMs: 120_000 },
      startConcurrency: concurrency,
      startSettleMs: 120_000,
    }),
  );
  let sup = makeSupervisor();
  let rec = recordHub(sup.hub);
  let supStopped = false;
  try {
    const ids = Array.from({ length: n }, (_, i) => `bench-${i}`);
    const phones = ids.map((_, i) => `3470${String(i).padStart(7, '0')}`);
    for (const id of ids) await Session.create({ sessionId: id, name: id });
    sup.hub.subscribe((e: HubEvent) => {
      const i = ids.indexOf(e.sessionId);
      const phone = phones[i];
      if (e.type !== 'qr' || phone === undefined || sim.phones.has(phone)) return;
      void sim.createPhone({ phone }).then(() => sim.scanQr(phone, e.qr)).catch((err: unknown) => progress(`linking ${phone} failed`, String(err)));
    });
    const t0 = performance.now();
    await sup.restoreAll();
    for (const id of ids) await rec.waitStatus(id, 'connected');
    const connectAllMs = performance.now() - t0;
    progress('connected all (ms)', Math.round(connectAllMs));

    const contact = '34799999999';
    await sim.createContact({ phone: contact });
    const onDelivered: OnDelivered = (listener) => sup.hub.subscribe((e) => e.type === 'message' && listener(e.message.id));
    // Warm-up: right after connecting, Baileys buffers events until its initial sync ends
    // (about 20 s against the simulator); measure the steady state after one message each.
    const tw = performance.now();
    await inboundLoad(sim, contact, phones, 1, onDelivered);
    const warmUpMs = performance.now() - tw;
    progress('warm-up (ms)', Math.round(warmUpMs));
    const pids = actorPids(sup.hub);
    // Idle: an actor collects its garbage once after IDLE_GC_AFTER_MS without work; CPU is read
    // over the window that follows, memory at its end (a heartbeat a second refreshes the heaps).
    await new Promise((r) => setTimeout(r, IDLE_GC_AFTER_MS + 2_000));
    const idleWindow = cpuWindow(pids, db.pid, sim.pid);
    await new Promise((r) => setTimeout(r, IDLE_CPU_WINDOW_MS));
    const idleCpu = idleWindow();
    progress('idle CPU', idleCpu);
    const heaps = sup.hub.snapshots().map((s) => s.heapUsedBytes).filter((b): b is number => typeof b === 'number');
    const heapUsedMb = Math.round(heaps.reduce((a, b) => a + b, 0) / Math.max(1, heaps.length) / 1024 / 1024);
    const idleActor = { ...meanMemoryMb(pids), heapUsedMb };
    progress('idle actor', idleActor);
    // Latency of one message with nothing else going on (the node settled after the warm-up: its
    // post-sync work and idle collections done), one after the other to one session; enough of
    // them for the 99th percentile to be a percentile and not the slowest of a few.
    const singles: number[] = [];
    for (let k = 0; k < (runs('inbound') ? SINGLE_MESSAGES : 0); k++) singles.push((await inboundLoad(sim, contact, [phones[0]!], 1, onDelivered)).p50Ms);
    const single: LoadResult = !runs('inbound') ? SKIPPED : { messages: singles.length, perSecond: 0, ...percentiles(singles) };
    progress('single message, idle node', single);
    // Two profile snapshots around an idle window give the background rate, the third the load's.
    const idle0 = await dbProfileAfter(profileFile);
    const start = await dbProfileAfter(profileFile, idle0.atMs);
    const inboundWindow = cpuWindow(pids, db.pid, sim.pid);
    const inbound = !runs('inbound') ? SKIPPED : await inboundLoad(sim, contact, phones, perSession, onDelivered);
    progress('inbound through actors', inbound);
    const inboundCpu = cpuMsPerMessage(inboundWindow(), inbound.messages);
    progress('CPU ms per inbound message (actors, database, bench process, simulator)', inboundCpu);
    const dbCost = !runs('inbound') ? NO_DB_COST : dbRequestsPerMessage(idle0, start, await dbProfileAfter(profileFile), inbound.messages);
    progress('database requests per message', dbCost);
    // Latency under a steady load at half the throughput just measured, open loop, round robin
    // over the sessions (issue 13's second latency target).
    const halfRate = inbound.perSecond / 2;
    const halfStart = await dbProfileAfter(profileFile);
    const halfLoad = !runs('inbound') || halfRate <= 0 ? SKIPPED : await pacedLoad(sim, contact, phones, halfRate, Math.max(HALF_LOAD_MIN_MESSAGES, Math.round(halfRate * HALF_LOAD_SECONDS)), onDelivered);
    progress(`half load (${halfRate} msg/s offered)`, halfLoad);
    // A paced load batches less than a burst: its requests per message are the ones to compare.
    const halfLoadDb = !runs('inbound') || halfLoad.messages === 0 ? NO_DB_COST : dbRequestsPerMessage(idle0, halfStart, await dbProfileAfter(profileFile), halfLoad.messages, start);
    progress('database requests per message at half load', halfLoadDb);
    const outStart = await dbProfileAfter(profileFile);
    const outboundWindow = cpuWindow(pids, db.pid, sim.pid);
    const outbound = !runs('outbound') ? SKIPPED : await outboundLoad(sup.hub, ids, [contact], perSession);
    progress('outbound (accepted → server ack)', outbound);
    const outboundCpu = cpuMsPerMessage(outboundWindow(), outbound.messages);
    progress('CPU ms per outbound message (actors, database, bench process, simulator)', outboundCpu);
    const outDb = !runs('outbound') ? NO_DB_COST : dbRequestsPerMessage(idle0, outStart, await dbProfileAfter(profileFile), outbound.messages, start, 16);
    progress('database requests per outbound message', outDb);
    // Sends spread over several chats go out side by side (one chat's in order). Warm-up first:
    // a session's first send to a contact fetches its keys and starts a Signal session.
    const chats = Array.from({ length: OUTBOUND_CHATS }, (_, i) => `3479999980${i}`);
    for (const chat of chats) await sim.createContact({ phone: chat });
    if (runs('outbound')) await outboundLoad(sup.hub, ids, chats, chats.length, 'chats-warm-up');
    const chatsStart = await dbProfileAfter(profileFile);
    const chatsWindow = cpuWindow(pids, db.pid, sim.pid);
    const outboundChats = !runs('outbound') ? SKIPPED : await outboundLoad(sup.hub, ids, chats, perSession, 'chats');
    progress(`outbound to ${OUTBOUND_CHATS} chats per session`, outboundChats);
    const outboundChatsCpu = cpuMsPerMessage(chatsWindow(), outboundChats.messages);
    progress(`CPU ms per outbound message, ${OUTBOUND_CHATS} chats (actors, database, bench process, simulator)`, outboundChatsCpu);
    if (runs('outbound')) progress(`database requests per outbound message, ${OUTBOUND_CHATS} chats`, dbRequestsPerMessage(idle0, chatsStart, await dbProfileAfter(profileFile), outboundChats.messages, start, 8));

    const victim = ids[0]!;
    const pid = !runs('inbound') ? undefined : sup.hub.snapshot(victim)?.pid;
    const mark = rec.events.length;
    const t2 = performance.now();
    if (pid) process.kill(pid, 'SIGKILL');
    if (pid) await rec.waitStatus(victim, 'connected', mark);
    const recoveryAfterKillMs = performance.now() - t2;
    progress('recovery after SIGKILL (ms)', Math.round(recoveryAfterKillMs));

    // A node restart: graceful stop, then a new supervisor restores every session.
    let restore: RestoreResult | null = null;
    if (runs('restore')) {
      rec.stop();
      await sup.shutdown();
      sup = makeSupervisor();
      rec = recordHub(sup.hub);
      const before = await dbProfileAfter(profileFile);
      restore = await measureRestore(sup, ids, phones, sim, contact, concurrency, db.pid);
      restore.db = requestsPerSession(before, await dbProfileAfter(profileFile), n);
      progress('restore after a node restart', restore);
    }

    // The ceiling runs with the actors stopped so both loads get the same machine.
    rec.stop();
    await sup.shutdown();
    supStopped = true;
    const top = ceiling && only !== 'restore' ? await bareBaileysCeiling(join(dir, 'sim-ceiling'), n, perSession, concurrency, contact) : null;
    if (top) progress('bare Baileys: inbound, outbound (one chat), CPU ms per outbound message', top);
    const ratioOf = (ours: LoadResult, bare: LoadResult | undefined) => (bare && bare.perSecond > 0 && ours.messages > 0 ? Number((ours.perSecond / bare.perSecond).toPrecision(3)) : null);

    return {
      sessions: n,
      actorMode: mode,
      connectAllMs: Math.round(connectAllMs),
      warmUpMs: Math.round(warmUpMs),
      idleActor,
      idleCpu,
      inbound,
      inboundCpu,
      single,
      halfLoad,
      outbound,
      outboundCpu,
      outboundChats,
      outboundChatsCpu,
      ceiling: top?.inbound ?? null,
      ratio: ratioOf(inbound, top?.inbound),
      outboundCeiling: top?.outbound ?? null,
      outboundCeilingCpuMs: top?.outboundCpuMs ?? null,
      outboundRatio: ratioOf(outbound, top?.outbound),
      recoveryAfterKillMs: Math.round(recoveryAfterKillMs),
      restore,
      db: dbCost,
      halfLoadDb,
      outboundDb: outDb,
    };
  } finally {
    if (!supStopped) {
      rec.stop();
      await sup.shutdown();
    }
    await sim.stop();
    await disconnectDatabase();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
