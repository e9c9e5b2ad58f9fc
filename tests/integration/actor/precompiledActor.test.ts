/**
 * The precompiled actor: one CommonJS bundle of the actor and its libraries, run by
 * session-actor/build/actorLoader.cjs with a V8 code cache (issue 13: compiling modules was
 * most of an actor's start-up CPU). Real build, real child processes; a copy of the loader and
 * the bundle in a temporary directory, so the tests never touch the cache other actors use.
 */
import { fork } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '@switchboard/shared';
import { ACTOR_BUNDLE, ACTOR_CODE_CACHE, ACTOR_LOADER, ACTOR_NODE_FLAGS } from '../../../session-actor/build/actorStamp.ts';
import { actorLaunch } from '../../../supervisor/src/childSpec.ts';

let root: string;
let cacheFile: string;

/**
 * Forks a loader (the copy by default); resolves with what it did with the code cache (`hit`, `miss` or
 * `rejected`), `stop()` (a shutdown before any init, which the bundled actor answers by exiting)
 * and the exit code.
 */
async function start(loader = join(root, 'build', 'actorLoader.cjs'), execArgv: readonly string[] = []): Promise<{ cache: string; stop: () => Promise<number | null> }> {
  const child = fork(loader, [], {
    execArgv: [...execArgv],
    env: { PATH: process.env.PATH, ACTOR_CODE_CACHE_AFTER_MS: '0', ACTOR_CODE_CACHE_REPORT: '1' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const cache = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const hit = /actor code cache: (\w+)/.exec(err);
      if (hit) resolve(hit[1]!);
    });
    void exited.then((code) => reject(new Error(`actor exited (${code}) before reporting its code cache: ${err}`)));
  });
  return {
    cache,
    stop: () => {
      child.send({ v: 1, kind: 'shutdown', graceMs: 1000 });
      return exited;
    },
  };
}

beforeAll(() => {
  const launch = actorLaunch();
  expect(launch.precompiled).toBe(true);
  expect(launch.entry).toBe(ACTOR_LOADER);
  root = mkdtempSync(join(tmpdir(), 'actor-loader-'));
  mkdirSync(join(root, 'build'));
  mkdirSync(join(root, 'dist'));
  copyFileSync(ACTOR_LOADER, join(root, 'build', 'actorLoader.cjs'));
  copyFileSync(ACTOR_BUNDLE, join(root, 'dist', 'actor.cjs'));
  cacheFile = join(root, 'dist', 'actor.v8cache');
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('precompiled actor', () => {
  it('runs the bundled actor, writes a code cache when there is none, uses it next time, and replaces a broken one', async () => {
    const first = await start();
    expect(first.cache).toBe('miss');
    await expect.poll(() => existsSync(cacheFile)).toBe(true);
    expect(await first.stop()).toBe(EXIT_CODES.NORMAL);
    const written = readFileSync(cacheFile);
    expect(written.length).toBeGreaterThan(100_000);

    const second = await start();
    expect(second.cache).toBe('hit');
    expect(await second.stop()).toBe(EXIT_CODES.NORMAL);
    expect(readFileSync(cacheFile).equals(written)).toBe(true);

    // A cache that does not match the script is rejected by V8: the actor starts anyway and writes a good one.
    const broken = Buffer.alloc(written.length, 7);
    writeFileSync(cacheFile, broken);
    const third = await start();
    expect(third.cache).toBe('rejected');
    await expect.poll(() => readFileSync(cacheFile).equals(broken)).toBe(false);
    expect(await third.stop()).toBe(EXIT_CODES.NORMAL);
    const fourth = await start();
    expect(fourth.cache).toBe('hit');
    expect(await fourth.stop()).toBe(EXIT_CODES.NORMAL);
  });

  it('is built with a code cache the actors accept (their V8 flags), so the first start after a build uses one', async () => {
    expect(existsSync(ACTOR_CODE_CACHE)).toBe(true);
    const actor = await start(ACTOR_LOADER, ACTOR_NODE_FLAGS);
    expect(actor.cache).toBe('hit');
    expect(await actor.stop()).toBe(EXIT_CODES.NORMAL);
  });
});
