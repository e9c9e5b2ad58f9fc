/**
 * Cluster-mode benchmark (`pnpm bench --nodes=3 [--sessions=30] [--lease-ms=6000]
 * [--rounds=4]`): N real node processes (`startNode` with CLUSTER_REDIS_URL) on a throwaway
 * embedded database, a throwaway Redis (Debian's `redis-server`) and the WhatsApp simulator.
 * Sessions are created through the nodes' APIs and linked; contacts write and the API sends
 * while one node is SIGKILLed with its actors. Prints sessions per node (before and after),
 * the failover time (kill → the last moved session connected again elsewhere), and messages
 * lost (must be 0) and duplicated, outbound and inbound. The scenario is the one of
 * issue 16 (tests/integration/cluster-mode/threeNodesScenario.ts; docs/cluster.md, Tests).
 * A benchmark, not a test: it asserts nothing, but says plainly when something was lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase, disconnectDatabase, silentLogger, startEmbeddedDb } from '@switchboard/shared/node';
import { startSimulator } from '@switchboard/wa-sim';
import { nodesScenario, type NodesScenarioResult } from '../integration/cluster-mode/threeNodesScenario.ts';
import { startRedis } from '../support/redis.ts';

/** Options of one run. */
export interface ClusterNodesBenchOptions {
  nodes: number;
  sessions: number;
  leaseMs: number;
  rounds: number;
}

/** Runs the scenario once on fresh engines and returns what it saw, with the run's duration. */
export async function runClusterNodesBench(opts: ClusterNodesBenchOptions, progress: (line: string) => void): Promise<NodesScenarioResult & { totalMs: number }> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'bench-cluster-nodes-'));
  const db = process.env.MONGODB_URI ? null : await startEmbeddedDb({ dataDir: join(dir, 'db') });
  const uri = db ? `${db.uri.replace(/\/$/, '')}/bench_nodes` : process.env.MONGODB_URI!;
  await connectDatabase(uri, silentLogger());
  const redis = await startRedis();
  const sim = await startSimulator({ dataDir: join(dir, 'sim'), snapshots: false });
  const scenario = nodesScenario({ uri, redisUrl: redis.url, sim, nodes: opts.nodes, sessions: opts.sessions, leaseMs: opts.leaseMs, rounds: opts.rounds, prefix: 'bn', progress });
  try {
    const result = await scenario.run();
    return { ...result, totalMs: Date.now() - started };
  } finally {
    await scenario.close();
    await sim.stop();
    await disconnectDatabase();
    await redis.stop();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function arg(argv: string[], name: string, fallback: string): string {
  const hit = argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

/** `pnpm bench --nodes=N`: parses the flags, runs once, prints a JSON line and a table. CLI: writes to stdout on purpose. */
export async function clusterNodesCli(argv: string[]): Promise<void> {
  const opts: ClusterNodesBenchOptions = {
    nodes: Number(arg(argv, 'nodes', '3')),
    sessions: Number(arg(argv, 'sessions', '30').split(',')[0]),
    leaseMs: Number(arg(argv, 'lease-ms', '6000')),
    rounds: Number(arg(argv, 'rounds', '4')),
  };
  if (!Number.isInteger(opts.nodes) || opts.nodes < 2) {
    process.stderr.write('--nodes takes a whole number ≥ 2 (one node is killed, the others take over)\n');
    process.exit(2);
  }
  if (!Number.isInteger(opts.sessions) || opts.sessions < opts.nodes || !Number.isInteger(opts.leaseMs) || opts.leaseMs < 3_000 || !Number.isInteger(opts.rounds) || opts.rounds < 2) {
    process.stderr.write('--sessions ≥ --nodes, --lease-ms ≥ 3000 and --rounds ≥ 2, whole numbers\n');
    process.exit(2);
  }
  process.stdout.write(`cluster nodes: ${opts.nodes} nodes, ${opts.sessions} sessions, ${opts.leaseMs} ms leases, ${opts.rounds} rounds of traffic…\n`);
  const t0 = Date.now();
  // libsignal (inside the simulator's contacts) prints session records, key material included,
  // through console.*: keep it off the benchmark's output.
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  console.log = console.info = console.warn = console.error = console.debug = () => undefined;
  let r: Awaited<ReturnType<typeof runClusterNodesBench>>;
  try {
    r = await runClusterNodesBench(opts, (line) => process.stderr.write(`  [+${((Date.now() - t0) / 1000).toFixed(1)} s] ${line}\n`));
  } finally {
    Object.assign(console, saved);
  }
  process.stdout.write(`${JSON.stringify({ bench: 'cluster-nodes', ...opts, ...r })}\n`);
  console.table(
    r.nodeIds.map((id) => ({
      node: id === r.victim ? `${id} (killed)` : id === r.watcher ? `${id} (socket)` : id,
      'sessions before': r.sessionsPerNode[id] ?? 0,
      'sessions after': r.sessionsPerNodeAfter[id] ?? 0,
    })),
  );
  console.table([
    {
      'link all (s)': r.linkMs / 1000,
      'moved sessions': r.moved.length,
      'failover (s)': r.failoverMs / 1000,
      'lease (s)': opts.leaseMs / 1000,
      'QR after kill': r.qrAfterKill,
      'sends accepted': r.accepted,
      'sends lost': r.lost.length,
      'sends duplicated': r.duplicated.length,
      'resent, same id': r.resentSameId.length,
      'inbound sent': r.inbound,
      'inbound lost': r.notStored.length,
      'inbound not announced': r.notAnnounced.length,
      'inbound duplicated': r.storedTwice.length,
      'seq gaps': Object.values(r.seqGaps).reduce((n, g) => n + g.length, 0),
      '503 retries': r.retried,
      'total (s)': Math.round(r.totalMs / 1000),
    },
  ]);
  const lost = r.lost.length + r.notStored.length;
  if (lost > 0) process.stdout.write(`LOST ${lost} message(s): ${[...r.lost, ...r.notStored].join(', ')}\n`);
}
