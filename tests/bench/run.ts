/**
 * `pnpm bench [cluster|media-pool|sim-link|upload-memory|all] [--sessions=10,50,100] [--messages=20]
 * [--concurrency=4] [--actor=dist|tsx] [--ceiling=no] [--only=inbound|outbound|restore]`: runs benchmarks (default: cluster) and
 * prints one JSON line per run plus a table. `--actor=tsx` runs the actors from TypeScript
 * sources (the old way) instead of the precompiled bundle; `--ceiling=no` skips the
 * bare-Baileys ceiling; `--only=inbound` and `--only=outbound` measure only that load and `--only=restore`
 * only a node restart (after connecting and warming up; `--outbound-only` is the old
 * spelling). The other benchmarks are standalone scripts, run as child processes with their
 * own defaults. CLI: writes to stdout on purpose. See docs/cluster.md for memory needs.
 * `pnpm bench --nodes=3 [--sessions=30] [--lease-ms=6000] [--rounds=4]` runs the cluster-mode
 * failover benchmark instead (cluster-nodes.ts).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OUTBOUND_CHATS, runClusterBench, type ClusterBenchOptions, type ClusterBenchResult } from './cluster-bench.ts';
import { clusterNodesCli } from './cluster-nodes.ts';

const SCRIPTS = ['media-pool', 'sim-link', 'upload-memory'];
const here = dirname(fileURLToPath(import.meta.url));

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

async function main(): Promise<void> {
  if (process.argv.some((a) => a.startsWith('--nodes='))) return clusterNodesCli(process.argv);
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const which = asked.includes('all') ? ['cluster', ...SCRIPTS] : asked.length ? asked : ['cluster'];
  const unknown = which.filter((w) => w !== 'cluster' && !SCRIPTS.includes(w));
  if (unknown.length) {
    process.stderr.write(`Unknown benchmark: ${unknown.join(', ')} (available: cluster, ${SCRIPTS.join(', ')}, all)\n`);
    process.exit(2);
  }
  for (const script of SCRIPTS.filter((s) => which.includes(s))) {
    process.stdout.write(`${script}…\n`);
    spawnSync(process.execPath, [...process.execArgv, join(here, `${script}.ts`)], { stdio: 'inherit' });
  }
  if (!which.includes('cluster')) return;
  const sizes = arg('sessions', '10,50,100').split(',').map(Number);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
    process.stderr.write('--sessions takes positive whole numbers separated by commas, e.g. --sessions=10,50,100\n');
    process.exit(2);
  }
  const only = process.argv.includes('--outbound-only') ? 'outbound' : arg('only', '');
  if (only !== '' && only !== 'inbound' && only !== 'outbound' && only !== 'restore') {
    process.stderr.write(`--only takes inbound, outbound or restore, not ${only}\n`);
    process.exit(2);
  }
  const options: ClusterBenchOptions = {
    perSession: Number(arg('messages', '20')),
    concurrency: Number(arg('concurrency', '4')),
    mode: arg('actor', 'dist') === 'tsx' ? 'tsx' : 'dist',
    ceiling: arg('ceiling', 'yes') !== 'no',
    ...(only ? { only } : {}),
  };
  const results: ClusterBenchResult[] = [];
  // libsignal (inside the simulator's contacts and the bare Baileys clients) prints session
  // records, key material included, through console.*: keep it off the benchmark's output.
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  console.log = console.info = console.warn = console.error = console.debug = () => undefined;
  try {
    for (const n of sizes) {
      process.stdout.write(`cluster: ${n} sessions (${options.mode} actors)…\n`);
      const r = await runClusterBench(n, options);
      results.push(r);
      process.stdout.write(`${JSON.stringify({ bench: 'cluster', ...r })}\n`);
    }
  } finally {
    Object.assign(console, saved);
  }
  console.table(
    results.map((r) => ({
      sessions: r.sessions,
      actors: r.actorMode,
      'connect all (s)': r.connectAllMs / 1000,
      'warm-up (s)': r.warmUpMs / 1000,
      'RSS/actor (MB)': r.idleActor.rssMb,
      'PSS/actor (MB)': r.idleActor.pssMb,
      'heap/actor (MB)': r.idleActor.heapUsedMb,
      'CPU s/actor to idle': r.idleActor.cpuSeconds,
      'idle CPU ms/s per actor': r.idleCpu.actorMsPerSecond,
      'inbound msg/s': r.inbound.perSecond,
      'p50 (ms)': r.inbound.p50Ms,
      'p99 (ms)': r.inbound.p99Ms,
      'db requests/msg': r.db.perMessage,
      'single p50/p99 (ms)': `${r.single.p50Ms}/${r.single.p99Ms}`,
      'half-load msg/s': r.halfLoad.perSecond,
      'half-load p50/p99 (ms)': `${r.halfLoad.p50Ms}/${r.halfLoad.p99Ms}`,
      'outbound msg/s': r.outbound.perSecond,
      'outbound p50/p99 (ms)': `${r.outbound.p50Ms}/${r.outbound.p99Ms}`,
      [`outbound, ${OUTBOUND_CHATS} chats msg/s`]: r.outboundChats.perSecond,
      'bare Baileys msg/s': r.ceiling?.perSecond ?? '-',
      'bare p50/p99 (ms)': r.ceiling ? `${r.ceiling.p50Ms}/${r.ceiling.p99Ms}` : '-',
      'actors/bare': r.ratio ?? '-',
      'bare outbound msg/s': r.outboundCeiling?.perSecond ?? '-',
      'outbound actors/bare': r.outboundRatio ?? '-',
      'recovery after SIGKILL (s)': r.recoveryAfterKillMs / 1000,
      'restore: connected/serving (s)': r.restore ? `${r.restore.connectedMs / 1000}/${r.restore.servingMs / 1000}` : '-',
    })),
  );
}

await main();
