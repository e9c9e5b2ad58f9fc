/**
 * Benchmark (not a test): does the gateway hold uploads in memory? Starts the real gateway in a
 * child process (upload-memory-server.ts) on an embedded database (or MONGODB_URI), then sends
 * N concurrent multipart uploads of M MiB each — bodies generated as they stream, never whole
 * buffers — and prints the growth of the gateway process's RSS (peak minus the baseline taken
 * just before). Budget: 8 × 90 MiB must raise it by less than 100 MiB; exits 1 when it does not.
 *
 *   pnpm bench upload-memory            (or: pnpm tsx tests/bench/upload-memory.ts --uploads 8 --mib 90)
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEmbeddedDb } from '@switchboard/shared/node';

const { values } = parseArgs({ options: { uploads: { type: 'string', default: '8' }, mib: { type: 'string', default: '90' }, budget: { type: 'string', default: '100' } } });
const UPLOADS = Number(values.uploads);
const BYTES = Number(values.mib) * 1024 * 1024;
const BUDGET_MIB = Number(values.budget);
const MIB = 1024 * 1024;
const here = dirname(fileURLToPath(import.meta.url));

/** A multipart body with one file of `size` bytes, produced chunk by chunk (64 KiB of noise reused). */
function uploadBody(size: number, boundary: string): Readable {
  const noise = randomBytes(64 * 1024);
  return Readable.from(
    (async function* () {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
      for (let sent = 0; sent < size; sent += noise.length) yield noise.subarray(0, Math.min(noise.length, size - sent));
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    })(),
    { objectMode: false },
  );
}

/** Streams one upload; resolves with the status code. */
function upload(url: string, token: string, size: number): Promise<number> {
  const boundary = `bench${randomBytes(6).toString('hex')}`;
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/sessions/bench/media`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    uploadBody(size, boundary).pipe(req);
  });
}

/** Sends `msg` (if any) to the child and waits for its message of `type`. */
function ask<T>(child: ReturnType<typeof fork>, msg: object | null, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    if (msg) child.send(msg);
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-upload-db-'));
  const db = process.env.MONGODB_URI ? null : await startEmbeddedDb({ dataDir: dir });
  const uri = `${(process.env.MONGODB_URI ?? db!.uri).replace(/\/?$/, '/')}bench_upload_${randomBytes(3).toString('hex')}`;
  const child = fork(join(here, 'upload-memory-server.ts'), [uri], { execArgv: [...process.execArgv, '--expose-gc'], stdio: 'inherit' });
  try {
    const ready = await ask<{ url: string; email: string; password: string }>(child, null, 'ready');
    const login = await fetch(`${ready.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ready.email, password: ready.password }) });
    const { token } = (await login.json()) as { token: string };
    // Warm-up: one small upload loads every module the upload path uses.
    await upload(ready.url, token, MIB);
    const { baseline } = await ask<{ baseline: number }>(child, { type: 'mark' }, 'marked');
    const started = Date.now();
    const statuses = await Promise.all(Array.from({ length: UPLOADS }, () => upload(ready.url, token, BYTES)));
    const seconds = (Date.now() - started) / 1000;
    const rss = await ask<{ baseline: number; peak: number }>(child, { type: 'rss' }, 'rss');
    const growthMib = Math.round(((rss.peak - baseline) / MIB) * 10) / 10;
    const result = {
      bench: 'upload-memory',
      uploads: UPLOADS,
      mibEach: BYTES / MIB,
      statuses: [...new Set(statuses)],
      baselineRssMib: Math.round(baseline / MIB),
      peakRssMib: Math.round(rss.peak / MIB),
      rssGrowthMib: growthMib,
      budgetMib: BUDGET_MIB,
      seconds,
      mibPerSecond: Math.round(((UPLOADS * BYTES) / MIB / seconds) * 10) / 10,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    console.table([{ uploads: `${UPLOADS} × ${BYTES / MIB} MiB`, 'RSS before (MiB)': result.baselineRssMib, 'RSS peak (MiB)': result.peakRssMib, 'growth (MiB)': growthMib, 'budget (MiB)': BUDGET_MIB, 'MiB/s': result.mibPerSecond }]);
    if (statuses.some((s) => s !== 201) || growthMib >= BUDGET_MIB) process.exitCode = 1;
  } finally {
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.send({ type: 'stop' });
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
