/**
 * `pnpm bench [cluster|media-pool|sim-link|all] [--sessions=10,50,100] [--messages=20]
 * [--concurrency=4]`: runs benchmarks (default: cluster) and prints one JSON line per run plus
 * a table. The other benchmarks are standalone scripts, run as child processes with their own
 * defaults. CLI: writes to stdout on purpose. An idle actor takes roughly 200 MB, so 100
 * sessions need about 20 GB of memory.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runClusterBench, type ClusterBenchResult } from './cluster-bench.ts';

const SCRIPTS = ['media-pool', 'sim-link'];
const here = dirname(fileURLToPath(import.meta.url));

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

async function main(): Promise<void> {
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
  const sizes = arg('sessions', '10,50').split(',').map(Number).filter((n) => n > 0);
  const perSession = Number(arg('messages', '20'));
  const concurrency = Number(arg('concurrency', '4'));
  const results: ClusterBenchResult[] = [];
  for (const n of sizes) {
    process.stdout.write(`cluster: ${n} sessions…\n`);
    const r = await runClusterBench(n, perSession, concurrency);
    results.push(r);
    process.stdout.write(`${JSON.stringify({ bench: 'cluster', ...r })}\n`);
  }
  console.table(
    results.map((r) => ({
      sessions: r.sessions,
      'connect all (s)': r.connectAllMs / 1000,
      'RSS/actor (MB)': r.rssPerActorMb,
      'inbound msg/s': r.inbound.perSecond,
      'p50 (ms)': r.inbound.p50Ms,
      'p99 (ms)': r.inbound.p99Ms,
      'recovery after SIGKILL (s)': r.recoveryAfterKillMs / 1000,
    })),
  );
}

await main();
