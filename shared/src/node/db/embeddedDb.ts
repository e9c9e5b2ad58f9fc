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
  'Switchboard could not run its embedded database (FerretDB, needs Go 1.22+ to build once). ' +
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
  const patchedDir = `${tmp}.patched`;
  try {
    mkdirSync(patchedDir, { recursive: true });
    const modfile = await writePatchedModule(patchedDir);
    await run('go', ['build', `-modfile=${modfile}`, '-o', tmp, '.'], {
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
  renameSync(tmp, BIN);
  writeFileSync(STAMP, hash);
  return BIN;
}

/** A running embedded database. */
export interface EmbeddedDb {
  /** Connection string without a database name, e.g. mongodb://127.0.0.1:40123/ */
  uri: string;
  pid: number;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

export interface StartEmbeddedDbOptions {
  /** Directory for the SQLite files. */
  dataDir: string;
  /** Host:port to listen on; default a free loopback port. */
  listen?: string;
  /** Milliseconds to wait for the server to report its address. */
  startTimeoutMs?: number;
}

/** Builds (if needed) and starts the embedded database; resolves once it listens. */
export async function startEmbeddedDb(opts: StartEmbeddedDbOptions): Promise<EmbeddedDb> {
  const bin = await ensureEmbeddedDbBinary();
  mkdirSync(opts.dataDir, { recursive: true });
  const child = spawn(bin, ['-data', resolve(opts.dataDir), '-listen', opts.listen ?? '127.0.0.1:0'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });
  const uri = await readUri(child, opts.startTimeoutMs ?? 30_000, () => stderr);
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  return {
    uri,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
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
    child.once('error', (e) => fail(e.message));
    child.once('exit', (code) => fail(`it exited with code ${code}`));
    lines.once('line', (line) => {
      const msg = JSON.parse(line) as { uri?: string; error?: string };
      if (!msg.uri) return fail(msg.error ?? line);
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      res(msg.uri);
    });
  });
}
