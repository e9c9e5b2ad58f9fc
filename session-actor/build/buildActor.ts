/**
 * Precompiles the session actor: bundles session-actor/src/main.ts, the workspace sources it
 * imports (@switchboard/*) and the libraries they use (Baileys, mongoose, ...) into one
 * CommonJS file, session-actor/dist/actor.cjs, which build/actorLoader.cjs runs with a V8 code
 * cache that the build primes (see there: compiling ~1,000 modules was most of an actor's
 * start-up CPU). Whitespace and syntax are minified (names are kept): V8 keeps every script's
 * source in each actor's heap. Native and optional packages stay external, required by their
 * resolved absolute path (pnpm keeps shared's dependencies out of session-actor's reach); so
 * does pino, whose transports start workers from files beside it. Writes dist/stamp.json with the workspace inputs (the
 * lockfile stands for node_modules) and their hash; the supervisor rebuilds when one changes.
 * CLI: `pnpm --filter @switchboard/session-actor build` (exit code 1 on failure).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { ACTOR_BUILD_SCRIPT, ACTOR_BUNDLE, ACTOR_CODE_CACHE, ACTOR_LOADER, ACTOR_NODE_FLAGS, ACTOR_STAMP, ROOT_DIR, hashInputs, type ActorBuildStamp } from './actorStamp.ts';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Files outside the bundle whose change must also invalidate it (resolved package paths, and how it is built and run). */
const EXTRA_INPUTS = ['pnpm-lock.yaml', 'session-actor/package.json', 'shared/package.json', ...[ACTOR_BUILD_SCRIPT, ACTOR_LOADER].map((f) => relative(ROOT_DIR, f))];

const builtins = new Set(builtinModules);

/** Packages never bundled: native code, or files resolved at run time beside the package. */
const EXTERNAL = new Set(['sharp', 'pino', 'pino-pretty']);

const packageName = (spec: string): string => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/**
 * Bundles @switchboard/* and libraries; keeps builtins, EXTERNAL packages and optional packages
 * that are not installed (the mongodb driver's compression and auth add-ons, Baileys' jimp and
 * link-preview-js) external: they fail, as they would unbundled, when someone requires them.
 * An external whose bindings nothing uses is dropped (`sideEffects: false`).
 */
const externals: Plugin = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'inner' || args.path.startsWith('@switchboard/')) return undefined;
      if (args.path.startsWith('node:') || builtins.has(args.path)) return { path: args.path, external: true, sideEffects: false };
      const hit = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
      if (hit.errors.length) return { path: args.path, external: true, sideEffects: false };
      if (EXTERNAL.has(packageName(args.path))) {
        // Required at run time (the bundle has no import()): the package's CommonJS entry.
        const cjs = await b.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
        return { path: cjs.errors.length ? hit.path : cjs.path, external: true, sideEffects: false };
      }
      return hit;
    });
  },
};

/** Bundles the actor into dist/actor.cjs and writes dist/stamp.json; returns the stamp. */
export async function buildActor(): Promise<ActorBuildStamp> {
  const distDir = dirname(ACTOR_BUNDLE);
  mkdirSync(distDir, { recursive: true });
  const tmp = join(distDir, `actor.${process.pid}.tmp.cjs`);
  const result = await build({
    entryPoints: [join(pkgDir, 'src/main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // No import() left: the loader runs the bundle as a plain script (vm.Script).
    supported: { 'dynamic-import': false },
    // import.meta of the bundled ES modules: this file (the loader passes __filename).
    define: { 'import.meta.url': '__actorModuleUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
    banner: { js: "const __actorModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    minifyWhitespace: true,
    minifySyntax: true,
    // A map file beside the bundle, not inline: V8 keeps a script's source and its inline map's
    // data URL in every actor's heap; only debuggers (or --enable-source-maps) read the map.
    sourcemap: 'external',
    footer: { js: `//# sourceMappingURL=${basename(ACTOR_BUNDLE)}.map` },
    metafile: true,
    logLevel: 'silent',
    plugins: [externals],
  });
  const bundled = Object.keys(result.metafile.inputs)
    .map((p) => relative(ROOT_DIR, resolve(process.cwd(), p)))
    .filter((p) => !p.split(/[\\/]/).includes('node_modules'));
  const inputs = [...bundled.sort(), ...EXTRA_INPUTS];
  const stamp: ActorBuildStamp = { hash: hashInputs(inputs), inputs };
  renameSync(`${tmp}.map`, `${ACTOR_BUNDLE}.map`);
  renameSync(tmp, ACTOR_BUNDLE);
  rmSync(ACTOR_CODE_CACHE, { force: true });
  // Prime the code cache (with the actors' own V8 flags): best effort, actors write one otherwise.
  spawnSync(process.execPath, [...ACTOR_NODE_FLAGS, ACTOR_LOADER], { env: { PATH: process.env.PATH, ACTOR_CODE_CACHE_PRIME: '1' }, stdio: 'ignore', timeout: 60_000 });
  const stampTmp = join(distDir, `stamp.${process.pid}.tmp.json`);
  writeFileSync(stampTmp, JSON.stringify(stamp));
  renameSync(stampTmp, ACTOR_STAMP);
  return stamp;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildActor().then(
    (s) => process.stdout.write(`session-actor: built dist/actor.cjs (${s.inputs.length} workspace inputs)\n`),
    (err: unknown) => {
      process.stderr.write(`session-actor: build failed: ${(err as Error)?.message ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
