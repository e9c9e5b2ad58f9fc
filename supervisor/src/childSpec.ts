/**
 * How an actor child is launched: which module, which Node flags and which environment.
 * Secrets never travel in argv or env: they go in the `init` message over IPC.
 *
 * The real actor runs precompiled (session-actor/dist/actor.cjs, one CommonJS bundle of the actor
 * and its libraries, run by build/actorLoader.cjs with a V8 code cache): it starts in a fraction
 * of the CPU time and memory of the TypeScript sources under tsx. The bundle is
 * rebuilt when any file it was built from changes, and tsx is the fallback when the build fails.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { ACTOR_BUILD_SCRIPT, ACTOR_LOADER, ACTOR_NODE_FLAGS, isActorBundleFresh } from '../../session-actor/build/actorStamp.ts';

const here = dirname(fileURLToPath(import.meta.url));
const BUILD_TIMEOUT_MS = 120_000;

/** V8 flags of every actor (defined beside the bundle, which is built with them). */
export { ACTOR_NODE_FLAGS };

/** Absolute path of the session actor's TypeScript entry module (session-actor/src/main.ts). */
export function actorEntry(): string {
  return resolve(here, '../../session-actor/src/main.ts');
}

/**
 * Node flags that let the child run TypeScript sources: `--import <tsx loader>` (tsx 4 on
 * Node 20). The loader is resolved to a file URL so the child's cwd does not matter.
 */
export function tsxExecArgv(): string[] {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('tsx/package.json');
  return ['--import', pathToFileURL(join(dirname(pkg), 'dist', 'loader.mjs')).href];
}

/** What to fork: a module and the Node flags it needs. */
export interface ActorLaunch {
  entry: string;
  execArgv: string[];
  /** True when `entry` is the precompiled bundle. */
  precompiled: boolean;
}

/** How a given entry module is launched: plain JS needs no loader, TypeScript needs tsx. */
export function launchFor(entry: string): ActorLaunch {
  const js = /\.(m?js|cjs)$/.test(entry);
  return { entry, execArgv: [...ACTOR_NODE_FLAGS, ...(js ? [] : tsxExecArgv())], precompiled: false };
}

/**
 * Builds the actor bundle (in a child process, synchronously: esbuild plugins need its async
 * API) and reports whether it is fresh afterwards. Only runs when the bundle is missing or stale.
 */
function rebuild(log?: Logger): boolean {
  const started = Date.now();
  const res = spawnSync(process.execPath, [...tsxExecArgv(), ACTOR_BUILD_SCRIPT], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: BUILD_TIMEOUT_MS,
    encoding: 'utf8',
  });
  const ok = res.status === 0 && isActorBundleFresh();
  if (ok) log?.info({ ms: Date.now() - started }, 'session actor precompiled');
  else log?.warn({ status: res.status, stderr: (res.stderr ?? '').slice(0, 2_000) }, 'session actor build failed: running it from sources under tsx');
  return ok;
}

/**
 * The launch of the real session actor: the precompiled bundle when it is fresh (building it
 * first when missing or stale), else the TypeScript sources under tsx with a warning.
 */
export function actorLaunch(log?: Logger): ActorLaunch {
  if (isActorBundleFresh() || rebuild(log)) return { entry: ACTOR_LOADER, execArgv: [...ACTOR_NODE_FLAGS], precompiled: true };
  return launchFor(actorEntry());
}

/** The launch of `entry` when given (tests of the plumbing), else of the real session actor. */
export function launchOf(entry: string | undefined, log?: Logger): ActorLaunch {
  return entry ? launchFor(entry) : actorLaunch(log);
}

/** Environment variables a child may inherit; everything else (secrets included) stays out. */
const INHERITED_ENV = ['PATH', 'HOME', 'TZ', 'LANG', 'LC_ALL', 'NODE_ENV', 'TMPDIR', 'SystemRoot'];

/**
 * glibc malloc arenas per actor, unless the parent's MALLOC_ARENA_MAX says otherwise. By default
 * each thread that mallocs (V8's compiler and GC helpers, libuv's pool for crypto and zlib) gets
 * its own 64 MB arena and keeps what it touched: 10–15 MB of an idle actor's resident memory.
 * Two arenas cut an idle actor's PSS by about 9 MB (docs/cluster.md); the JavaScript runs on one
 * thread, so contention on them stays low.
 */
export const ACTOR_MALLOC_ARENA_MAX = '2';

/** The child's environment: a short allow-list of the parent's variables, and the malloc arena cap. */
export function actorEnv(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { MALLOC_ARENA_MAX: ACTOR_MALLOC_ARENA_MAX };
  for (const key of [...INHERITED_ENV, 'MALLOC_ARENA_MAX']) if (source[key] !== undefined) env[key] = source[key];
  return env;
}
