'use strict';
/**
 * What the supervisor forks for a precompiled actor: runs the bundle (dist/actor.cjs, the actor
 * and its libraries in one CommonJS file) with a V8 code cache (dist/actor.v8cache).
 *
 * Compiling ~1,000 modules was most of an actor's start-up CPU (issue 13: about 0.6 s of
 * 1.3-1.9 s on the build machine). One script can be compiled from a code cache instead: the
 * build writes one (below), V8 checks it against the source and its own flags and rejects a
 * stale one, in which case this actor writes a new cache once it has started (so the cache also
 * holds the functions an actor runs, not only the top level). Writes are atomic (temporary
 * file, then rename), so actors starting together never read half a cache, and an actor skips
 * the write when another one started with it wrote a cache meanwhile. With the cache an idle
 * actor is also smaller (3 actors: 70 MB PSS against 78 MB for the ES module bundle and 82 MB
 * without a cache). Node 20 has no compile cache for ES modules (`module.enableCompileCache` is
 * Node 22), hence CommonJS and `vm.Script`.
 */
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const startedAt = Date.now();
const dist = join(__dirname, '..', 'dist');
const file = join(dist, 'actor.cjs');
const cacheFile = join(dist, 'actor.v8cache');
/**
 * How long after start the cache is written: past the WhatsApp login of a typical start.
 * ACTOR_CODE_CACHE_AFTER_MS overrides it for tests (the supervisor passes no such variable).
 */
const CACHE_AFTER_MS = /^\d+$/.test(process.env.ACTOR_CODE_CACHE_AFTER_MS ?? '') ? Number(process.env.ACTOR_CODE_CACHE_AFTER_MS) : 15_000;

/** The bundle as a script, from the cache when there is a valid one (not kept: ~6 MB). */
function compile() {
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  return { script, cache: !cachedData ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit' };
}

/** Writes the cache of what this process compiled so far (temporary file, then rename). */
function writeCache() {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, script.createCachedData());
  renameSync(tmp, cacheFile);
}

const { script, cache } = compile();
// What became of the cache, for tests (the supervisor passes no such variable).
if (process.env.ACTOR_CODE_CACHE_REPORT) process.stderr.write(`actor code cache: ${cache}\n`);
const actorModule = { exports: {} };
script.runInThisContext()(actorModule.exports, createRequire(file), actorModule, file, dist);

// The build runs this once with ACTOR_CODE_CACHE_PRIME=1: a cache of the top level, so the
// first actors after a build already start from one (those that run replace it with a fuller one
// only when it is rejected).
if (process.env.ACTOR_CODE_CACHE_PRIME) {
  writeCache();
  process.exit(0);
}

if (cache !== 'hit') {
  setTimeout(() => {
    try {
      // Another actor of the same start-up storm wrote it already: one is enough.
      if (statSync(cacheFile, { throwIfNoEntry: false })?.mtimeMs >= startedAt) return;
      writeCache();
    } catch {
      // A cache is an optimisation: the next actor tries again.
    }
  }, CACHE_AFTER_MS).unref();
}
