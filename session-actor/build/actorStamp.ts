/**
 * Freshness record of the precompiled actor (dist/actor.cjs + dist/stamp.json). Dependency-free
 * so the supervisor can check it before every fork without loading the bundler: the bundle is
 * fresh when every file it was built from still hashes to the recorded value.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Repository root (the workspace), against which stamp inputs are relative. */
export const ROOT_DIR = resolve(pkgDir, '..');
/** The bundled actor (the actor and its libraries, CommonJS). */
export const ACTOR_BUNDLE = join(pkgDir, 'dist', 'actor.cjs');
/** What the supervisor forks: runs ACTOR_BUNDLE with a V8 code cache. */
export const ACTOR_LOADER = join(pkgDir, 'build', 'actorLoader.cjs');
/** The V8 code cache of ACTOR_BUNDLE (written by the first actor that starts without one). */
export const ACTOR_CODE_CACHE = join(pkgDir, 'dist', 'actor.v8cache');
/**
 * V8 flags of every actor. A 4 MB young-generation semi-space (the default is 16 MB) keeps an
 * idle actor about 25 MB smaller; actors are mostly idle, and their scavenges stay short.
 * `--expose-gc` lets an actor that has been quiet for a while collect once (idleCollector.ts).
 * `--single-threaded-gc`: no GC helper threads. Actors outnumber the cores, so helpers only
 * compete with other actors' main threads, in bursts when identical actors collect at once
 * (docs/cluster.md, seventh pass: shorter single-message tails, 1 MB less PSS, a faster restore). Here,
 * beside the bundle, because the build primes the code cache with them (V8 rejects a cache made
 * under other flags).
 */
export const ACTOR_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--expose-gc', '--single-threaded-gc'];
/** The freshness record written next to the bundle. */
export const ACTOR_STAMP = join(pkgDir, 'dist', 'stamp.json');
/** The build script (TypeScript; run it with the tsx loader). */
export const ACTOR_BUILD_SCRIPT = join(pkgDir, 'build', 'buildActor.ts');

/** What dist/stamp.json holds. */
export interface ActorBuildStamp {
  hash: string;
  /** Every file the bundle depends on, relative to ROOT_DIR. */
  inputs: string[];
}

/** sha256 over the given files (relative to `root`), names included; a missing file counts. */
export function hashInputs(inputs: readonly string[], root = ROOT_DIR): string {
  const h = createHash('sha256');
  for (const file of inputs) {
    h.update(file).update('\0');
    try {
      h.update(readFileSync(join(root, file)));
    } catch {
      h.update('<missing>');
    }
    h.update('\0');
  }
  return h.digest('hex');
}

/**
 * Per bundle, the files' identities (inode, size, modification time) when their hash last
 * matched the stamp. A supervisor checks before every fork; rehashing the ~120 inputs (the
 * lockfile among them, ~640 KB) cost ~10 ms of its CPU per actor in a 200-session restore,
 * where a stat of each costs well under one.
 */
const verified = new Map<string, string>();

function identities(files: readonly string[]): string {
  return files
    .map((file) => {
      try {
        const st = statSync(file);
        return `${st.ino}:${st.size}:${st.mtimeMs}`;
      } catch {
        return '-';
      }
    })
    .join('|');
}

/**
 * True when the bundle exists and none of its inputs changed since it was built: their hash
 * matches the stamp, or none of the files was replaced, resized or modified since it last did.
 */
export function isActorBundleFresh(bundle = ACTOR_BUNDLE, stampFile = ACTOR_STAMP, root = ROOT_DIR): boolean {
  try {
    if (!existsSync(bundle)) return false;
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Partial<ActorBuildStamp>;
    if (typeof stamp.hash !== 'string' || !Array.isArray(stamp.inputs) || stamp.inputs.length === 0) return false;
    const key = `${bundle}\0${stampFile}\0${root}`;
    const seen = identities([bundle, stampFile, ...stamp.inputs.map((file) => join(root, file))]);
    if (verified.get(key) === seen) return true;
    const fresh = hashInputs(stamp.inputs, root) === stamp.hash;
    if (fresh) verified.set(key, seen);
    else verified.delete(key);
    return fresh;
  } catch {
    return false;
  }
}
