import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FERRETDB_PATCHES } from './ferretdbPatches.ts';

const run = promisify(execFile);

/** Folder of the Go program that embeds FerretDB (shared/embedded-db). */
export const EMBEDDED_DB_SOURCE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../embedded-db');
const BIN = join(EMBEDDED_DB_SOURCE, 'bin', 'switchboard-embedded-db');
const STAMP = `${BIN}.stamp`;

/** Help text shown whenever the embedded database cannot be built or started. */
export const EMBEDDED_DB_HELP =
  'Switchboard could not run its embedded database (FerretDB, needs Go 1.24+ to build once). ' +
  'Point MONGODB_URI at a MongoDB instead, for example MONGODB_URI=mongodb://localhost:27017/switchboard';

/** Error raised when the embedded database cannot be built or started; its message says what to do. */
export class EmbeddedDbError extends Error {
  override name = 'EmbeddedDbError';
  constructor(reason: string) {
    super(`${reason}\n${EMBEDDED_DB_HELP}`);
  }
}

function sourceHash(): string {
  const h = createHash('sha256');
  const files = readdirSync(EMBEDDED_DB_SOURCE).filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum');
  for (const f of files.sort()) h.update(f).update(readFileSync(join(EMBEDDED_DB_SOURCE, f)));
  h.update(JSON.stringify(FERRETDB_PATCHES));
  return h.digest('hex');
}

/** Makes a copied tree writable (module cache files and folders are read-only). */
function makeWritable(path: string): void {
  chmodSync(path, 0o755);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) makeWritable(child);
    else chmodSync(child, 0o644);
  }
}

/**
 * Copies FerretDB from the module cache under `dir`, applies ferretdbPatches.ts to the copy,
 * and writes a go.mod/go.sum pair (for `go build -modfile`) that replaces the module by the
 * patched copy. The repository's go.mod and the module cache stay untouched.
 */
async function writePatchedModule(dir: string): Promise<string> {
  const { stdout } = await run('go', ['mod', 'download', '-json', 'github.com/FerretDB/FerretDB'], { cwd: EMBEDDED_DB_SOURCE });
  const moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error('go mod download did not report the FerretDB module directory');
  const copy = join(dir, 'ferretdb');
  cpSync(moduleDir, copy, { recursive: true });
  makeWritable(copy);
  for (const patch of FERRETDB_PATCHES) {
    const file = join(copy, patch.file);
    const source = readFileSync(file, 'utf8');
    const found = source.split(patch.from).length - 1;
    if (found !== (patch.count ?? 1)) throw new Error(`FerretDB patch does not apply: ${patch.file} has ${found} × ${patch.from}`);
    writeFileSync(file, source.replaceAll(patch.from, patch.to));
  }
  const modfile = join(dir, 'go.mod');
  const gomod = readFileSync(join(EMBEDDED_DB_SOURCE, 'go.mod'), 'utf8');
  writeFileSync(modfile, `${gomod}\nreplace github.com/FerretDB/FerretDB => ${copy}\n`);
  writeFileSync(join(dir, 'go.sum'), readFileSync(join(EMBEDDED_DB_SOURCE, 'go.sum')));
  return modfile;
}

/**
 * Builds the embedded database binary with the Go toolchain unless a build of the same sources
 * is cached. Returns the binary's path.
 */
export async function ensureEmbeddedDbBinary(): Promise<string> {
  const hash = sourceHash();
  if (existsSync(BIN) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return BIN;
  mkdirSync(dirname(BIN), { recursive: true });
  // Build under a private name, then rename: parallel callers (test runs) never see half a binary.
  const tmp = `${BIN}.${process.pid}.tmp`;
  await buildEmbeddedDbBinary(tmp);
  renameSync(tmp, BIN);
  writeFileSync(STAMP, hash);
  return BIN;
}

/** Builds the embedded database (patched FerretDB) into `out`, uncached; for experiments use a path outside bin/. */
export async function buildEmbeddedDbBinary(out: string): Promise<void> {
  const patchedDir = `${out}.patched`;
  try {
    mkdirSync(patchedDir, { recursive: true });
    const modfile = await writePatchedModule(patchedDir);
    await run('go', ['build', `-modfile=${modfile}`, '-o', out, '.'], {
      cwd: EMBEDDED_DB_SOURCE,
      env: { ...process.env, CGO_ENABLED: '0' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    const why = e.code === 'ENOENT' ? 'the Go toolchain (`go`) is not installed' : String(e.stderr ?? e.message).trim();
    throw new EmbeddedDbError(`Building the embedded database failed: ${why}`);
  } finally {
    rmSync(patchedDir, { recursive: true, force: true });
  }
}

/** A running embedded database. */
export interface EmbeddedDb {
  /** Connection string without a database name, e.g. mongodb://127.0.0.1:40123/ (kept across restarts). */
  uri: string;
  /** Process id of the current server; changes when a dead server is restarted. */
  readonly pid: number;
  /** How many times the server died and was started again. */
  readonly restarts: number;
  /** Stops the server (and its watch) and waits for it to exit. */
  stop(): Promise<void>;
}

/** What the watch reports when the server dies and is started again (for logs). */
export type EmbeddedDbWatchEvent =
  | {
      type: 'exited';
      pid: number;
      code: number | null;
      signal: NodeJS.Signals | null;
      restartInMs: number;
      /** The server's last log line (why it ended, e.g. "FerretDB stopped answering"), if any. */
      lastLine?: string;
    }
  | { type: 'restarted'; pid: number; restarts: number }
  | { type: 'restart-failed'; error: string; restartInMs: number };

export interface StartEmbeddedDbOptions {
  /** Directory for the SQLite files. */
  dataDir: string;
  /** Host:port to listen on; default a free loopback port. */
  listen?: string;
  /** Milliseconds to wait for the server to report its address. */
  startTimeoutMs?: number;
  /**
   * Longest a database request may run before the server closes its connection (the driver sees
   * a network error and retries) and lets other requests through. Default: the server's
   * EMBEDDED_DB_REQUEST_TIMEOUT environment variable (a Go duration), else 30 s.
   */
  requestTimeoutMs?: number;
  /** Called when the server dies unexpectedly and when the watch has started it again. */
  onWatchEvent?: (event: EmbeddedDbWatchEvent) => void;
  /** Request profile file (EMBEDDED_DB_PROFILE, rewritten every 3 s); default the parent's environment. */
  profileFile?: string;
  /** Binary to run instead of the cached build (experiments, tests of a fresh build). */
  binary?: string;
}

/**
 * Delay before restarting a dead server: at once after a death following a stable minute,
 * then doubling from 250 ms to a 10 s cap while it keeps dying within a minute of starting.
 */
export function embeddedDbRestartDelayMs(quickDeaths: number): number {
  return quickDeaths === 0 ? 0 : Math.min(10_000, 250 * 2 ** (quickDeaths - 1));
}

/** An uptime this long makes the next death count as the first. */
const STABLE_UPTIME_MS = 60_000;

interface ServerProcess {
  child: ChildProcess;
  uri: string;
  exited: Promise<void>;
  /** The last non-empty line the server wrote to stderr ('' when none). */
  lastLine(): string;
}

async function spawnServer(bin: string, listen: string, opts: StartEmbeddedDbOptions): Promise<ServerProcess> {
  const args = ['-data', resolve(opts.dataDir), '-listen', listen];
  if (opts.requestTimeoutMs !== undefined) args.push('-request-timeout', `${opts.requestTimeoutMs}ms`);
  const env = opts.profileFile ? { ...process.env, EMBEDDED_DB_PROFILE: opts.profileFile } : process.env;
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const uri = await readUri(child, opts.startTimeoutMs ?? 30_000, () => stderr);
  const lastLine = (): string => stderr.trim().split('\n').at(-1)?.slice(0, 1_000) ?? '';
  return { child, uri, exited, lastLine };
}

/**
 * Builds (if needed) and starts the embedded database; resolves once it listens. FerretDB runs
 * inside the server process, so a FerretDB crash kills the process: a watch starts it again on
 * the same address and data directory, and clients reconnect by themselves.
 */
export async function startEmbeddedDb(opts: StartEmbeddedDbOptions): Promise<EmbeddedDb> {
  const bin = opts.binary ?? (await ensureEmbeddedDbBinary());
  mkdirSync(opts.dataDir, { recursive: true });
  let server = await spawnServer(bin, opts.listen ?? '127.0.0.1:0', opts);
  const sameAddress = new URL(server.uri).host;
  let stopping = false;
  let restarts = 0;
  let quickDeaths = 0;
  let startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | null = null;

  const restartLater = (delayMs: number): void => {
    timer = setTimeout(() => {
      restarting = spawnServer(bin, sameAddress, opts).then(
        (next) => {
          restarting = null;
          server = next; // when stopping, stop() ends it
          if (stopping) return;
          restarts += 1;
          startedAt = Date.now();
          watch(next);
          opts.onWatchEvent?.({ type: 'restarted', pid: next.child.pid ?? -1, restarts });
        },
        (err: unknown) => {
          restarting = null;
          if (stopping) return;
          quickDeaths += 1;
          const restartInMs = embeddedDbRestartDelayMs(quickDeaths);
          opts.onWatchEvent?.({ type: 'restart-failed', error: String(err instanceof Error ? err.message : err), restartInMs });
          restartLater(restartInMs);
        },
      );
    }, delayMs);
  };
  const watch = (proc: ServerProcess): void => {
    proc.child.once('exit', (code, signal) => {
      if (stopping) return;
      quickDeaths = Date.now() - startedAt < STABLE_UPTIME_MS ? quickDeaths + 1 : 0;
      const restartInMs = embeddedDbRestartDelayMs(quickDeaths);
      const lastLine = proc.lastLine();
      opts.onWatchEvent?.({ type: 'exited', pid: proc.child.pid ?? -1, code, signal, restartInMs, ...(lastLine ? { lastLine } : {}) });
      restartLater(restartInMs);
    });
  };
  watch(server);

  return {
    uri: server.uri,
    get pid() {
      return server.child.pid ?? -1;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await restarting;
      const { child, exited } = server;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    },
  };
}

function readUri(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<string> {
  return new Promise((res, rej) => {
    const lines = createInterface({ input: child.stdout! });
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      rej(new EmbeddedDbError(`The embedded database did not start: ${why}${stderr() ? `\n${stderr()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`no address after ${timeoutMs} ms`), timeoutMs);
    const onError = (e: Error): void => fail(e.message);
    const onExit = (code: number | null): void => fail(`it exited with code ${code}`);
    child.once('error', onError);
    child.once('exit', onExit);
    lines.once('line', (line) => {
      const msg = JSON.parse(line) as { uri?: string; error?: string };
      if (!msg.uri) return fail(msg.error ?? line);
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('error', onError);
      res(msg.uri);
    });
  });
}
