/**
 * How an actor child is launched: which module, which Node flags and which environment.
 * Secrets never travel in argv or env: they go in the `init` message over IPC.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Absolute path of the session actor's entry module (session-actor/src/main.ts). */
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

/** Environment variables a child may inherit; everything else (secrets included) stays out. */
const INHERITED_ENV = ['PATH', 'HOME', 'TZ', 'LANG', 'LC_ALL', 'NODE_ENV', 'TMPDIR', 'SystemRoot'];

/** The child's environment: a short allow-list of the parent's variables. */
export function actorEnv(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of INHERITED_ENV) if (source[key] !== undefined) env[key] = source[key];
  return env;
}
