/**
 * Builds the console (the React renderer) with Vite into desktop/dist/renderer, cached by a
 * hash of its sources like the actor bundle: `ensureConsoleBuilt()` rebuilds only when a source
 * file, the lockfile or the build configuration changed, so `pnpm start` on a fresh clone builds
 * it once and later starts are instant. Concurrent callers (test workers, two nodes) wait for one
 * build through a lock directory. Node-only: the gateway's host process calls it, never the
 * renderer.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = resolve(pkgDir, '..');

/** Where the built console lives (index.html + assets/). */
export const CONSOLE_DIST = join(pkgDir, 'dist', 'renderer');
const STAMP = join(pkgDir, 'dist', 'renderer.stamp.json');
const LOCK = join(pkgDir, 'dist', 'renderer.lock');

/** Sources whose change invalidates the build: the renderer, the shared contract and the configuration. */
function inputFiles(): string[] {
  const dirs = ['desktop/src/renderer', 'desktop/src/common', 'shared/src/api', 'shared/src/domain', 'shared/src/protocol'];
  const files = ['desktop/index.html', 'desktop/vite.config.ts', 'desktop/package.json', 'shared/src/index.ts', 'pnpm-lock.yaml'];
  const out: string[] = [...files];
  const walk = (dir: string): void => {
    const abs = join(rootDir, dir);
    if (!existsSync(abs)) return;
    for (const name of readdirSync(abs).sort()) {
      const rel = `${dir}/${name}`;
      if (statSync(join(rootDir, rel)).isDirectory()) walk(rel);
      else if (!/\.test\.tsx?$/.test(name)) out.push(rel);
    }
  };
  for (const d of dirs) walk(d);
  return out;
}

/** sha256 over the names and contents of the inputs. */
export function consoleSourceHash(): string {
  const h = createHash('sha256');
  for (const file of inputFiles()) {
    h.update(file).update('\0');
    try {
      h.update(readFileSync(join(rootDir, file)));
    } catch {
      h.update('<missing>');
    }
  }
  return h.digest('hex');
}

/** True when dist/renderer was built from the current sources. */
export function isConsoleBuildFresh(): boolean {
  try {
    if (!existsSync(join(CONSOLE_DIST, 'index.html'))) return false;
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8')) as { hash?: string };
    return stamp.hash === consoleSourceHash();
  } catch {
    return false;
  }
}

/** Writes `<file>.gz` beside every compressible asset, so the gateway can serve it pre-compressed. */
function precompress(dir: string): void {
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) precompress(abs);
    else if (/\.(js|css|html|svg|json|map)$/.test(name)) writeFileSync(`${abs}.gz`, gzipSync(readFileSync(abs), { level: 9 }));
  }
}

/** Runs the Vite build into a temporary folder and moves it into place (readers never see half a build). */
async function runBuild(): Promise<void> {
  const { build } = await import('vite');
  const tmp = join(pkgDir, 'dist', `renderer.${process.pid}.tmp`);
  const hash = consoleSourceHash();
  await build({ configFile: join(pkgDir, 'vite.config.ts'), build: { outDir: tmp, emptyOutDir: true }, logLevel: 'warn' });
  precompress(tmp);
  rmSync(CONSOLE_DIST, { recursive: true, force: true });
  renameSync(tmp, CONSOLE_DIST);
  writeFileSync(STAMP, JSON.stringify({ hash, builtAt: new Date().toISOString() }));
}

/** Takes the build lock; a stale lock (older than 5 minutes: its builder died) is broken. */
function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(LOCK).mtimeMs > 5 * 60_000) rmSync(LOCK, { recursive: true, force: true });
    } catch {
      /* someone else removed it */
    }
    return false;
  }
}

/** What ensureConsoleBuilt did. */
export interface ConsoleBuildResult {
  dir: string;
  built: boolean;
}

/**
 * Builds the console when its sources changed since the last build; returns its folder.
 * `onBuild` is called before a build starts (the host prints a line: the first build takes a while).
 */
export async function ensureConsoleBuilt(opts: { onBuild?: () => void; force?: boolean } = {}): Promise<ConsoleBuildResult> {
  if (!opts.force && isConsoleBuildFresh()) return { dir: CONSOLE_DIST, built: false };
  mkdirSync(join(pkgDir, 'dist'), { recursive: true });
  for (;;) {
    if (tryLock()) break;
    await new Promise((r) => setTimeout(r, 250)); // another process is building: wait for its lock to go
  }
  try {
    if (!opts.force && isConsoleBuildFresh()) return { dir: CONSOLE_DIST, built: false };
    opts.onBuild?.();
    await runBuild();
    return { dir: CONSOLE_DIST, built: true };
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Relative path of the built console from the repository root (for messages). */
export const CONSOLE_DIST_RELATIVE = relative(rootDir, CONSOLE_DIST);
