import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '@switchboard/shared';
import { hashInputs, isActorBundleFresh } from '../../session-actor/build/actorStamp.ts';
import { ACTOR_MALLOC_ARENA_MAX, ACTOR_NODE_FLAGS, actorEntry, actorEnv, actorLaunch, launchFor } from './childSpec.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fake build in a temp root: a bundle, two inputs and a stamp over them. */
function fakeBuild() {
  const root = mkdtempSync(join(tmpdir(), 'actor-stamp-'));
  dirs.push(root);
  writeFileSync(join(root, 'a.ts'), 'export const a = 1;');
  writeFileSync(join(root, 'b.ts'), 'export const b = 2;');
  const bundle = join(root, 'main.js');
  const stamp = join(root, 'stamp.json');
  writeFileSync(bundle, '');
  writeFileSync(stamp, JSON.stringify({ hash: hashInputs(['a.ts', 'b.ts'], root), inputs: ['a.ts', 'b.ts'] }));
  return { root, bundle, stamp };
}

describe('launch of an actor module', () => {
  it('runs TypeScript under the tsx loader and plain JavaScript with no loader', () => {
    const ts = launchFor(actorEntry());
    expect(ts.execArgv).toEqual([...ACTOR_NODE_FLAGS, '--import', expect.stringMatching(/tsx.*loader\.mjs$/)]);
    expect(launchFor('/x/main.js').execArgv).toEqual(ACTOR_NODE_FLAGS);
  });
});

describe('precompiled actor freshness', () => {
  it('is fresh while every input hashes as recorded', () => {
    const { root, bundle, stamp } = fakeBuild();
    expect(isActorBundleFresh(bundle, stamp, root)).toBe(true);
  });

  it('is stale when an input changes, disappears, or the bundle is missing', () => {
    const a = fakeBuild();
    writeFileSync(join(a.root, 'b.ts'), 'export const b = 3;');
    expect(isActorBundleFresh(a.bundle, a.stamp, a.root)).toBe(false);
    const b = fakeBuild();
    rmSync(join(b.root, 'a.ts'));
    expect(isActorBundleFresh(b.bundle, b.stamp, b.root)).toBe(false);
    const c = fakeBuild();
    rmSync(c.bundle);
    expect(isActorBundleFresh(c.bundle, c.stamp, c.root)).toBe(false);
    const d = fakeBuild();
    writeFileSync(d.stamp, '{not json');
    expect(isActorBundleFresh(d.bundle, d.stamp, d.root)).toBe(false);
  });

  it('notices a change made after a check found it fresh (the check remembers what it hashed)', () => {
    const { root, bundle, stamp } = fakeBuild();
    expect(isActorBundleFresh(bundle, stamp, root)).toBe(true);
    expect(isActorBundleFresh(bundle, stamp, root)).toBe(true);
    // Same size, so only the modification time (and the content) tell.
    const mtime = statSync(join(root, 'a.ts')).mtime;
    writeFileSync(join(root, 'a.ts'), 'export const a = 7;');
    utimesSync(join(root, 'a.ts'), mtime, new Date(mtime.getTime() + 1000));
    expect(isActorBundleFresh(bundle, stamp, root)).toBe(false);
    writeFileSync(join(root, 'a.ts'), 'export const a = 1;');
    expect(isActorBundleFresh(bundle, stamp, root)).toBe(true);
    rmSync(join(root, 'b.ts'));
    expect(isActorBundleFresh(bundle, stamp, root)).toBe(false);
  });
});

describe('the real actor launch', () => {
  it('is the fresh precompiled bundle, runnable by plain node', async () => {
    const launch = actorLaunch();
    expect(launch.precompiled).toBe(true);
    expect(launch.entry).toMatch(/session-actor[\\/]build[\\/]actorLoader\.cjs$/);
    expect(launch.execArgv).toEqual(ACTOR_NODE_FLAGS);
    expect(isActorBundleFresh()).toBe(true);
    // The bundle loads its dependencies and speaks the protocol: a bad init exits BAD_CONFIG.
    const child = fork(launch.entry, [], { execArgv: launch.execArgv, stdio: ['ignore', 'ignore', 'ignore', 'ipc'], env: { PATH: process.env.PATH } });
    const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.send({ v: 1, kind: 'init', config: { sessionId: '' } });
    expect(await code).toBe(EXIT_CODES.BAD_CONFIG);
  }, 120_000);
});

describe('environment of an actor', () => {
  it('passes an allow-list of the parent variables, never its secrets, and caps malloc arenas', () => {
    const env = actorEnv({ PATH: '/bin', JWT_SECRET: 'x'.repeat(40), SMTP_PASS: 'p', MONGODB_URI: 'mongodb://u:p@h/db', TZ: 'UTC' });
    expect(env).toEqual({ PATH: '/bin', TZ: 'UTC', MALLOC_ARENA_MAX: ACTOR_MALLOC_ARENA_MAX });
  });

  it('keeps an operator\'s own MALLOC_ARENA_MAX', () => {
    expect(actorEnv({ MALLOC_ARENA_MAX: '4' }).MALLOC_ARENA_MAX).toBe('4');
  });
});
