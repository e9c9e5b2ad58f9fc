/**
 * Precompiles the session actor: bundles session-actor/src/main.ts and the workspace sources it
 * imports (@switchboard/*) into one ESM file, session-actor/dist/main.js, so a forked actor runs
 * plain JavaScript with no TypeScript loader. Packages from node_modules stay external and are
 * imported by their resolved absolute path, so the bundle finds them wherever they are installed
 * (pnpm keeps shared's dependencies out of session-actor's reach). Writes dist/stamp.json with
 * the bundled inputs and their hash; the supervisor rebuilds when any input changes.
 * CLI: `pnpm --filter @switchboard/session-actor build` (exit code 1 on failure).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { ACTOR_BUNDLE, ACTOR_STAMP, ROOT_DIR, hashInputs, type ActorBuildStamp } from './actorStamp.ts';

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Files outside the bundle whose change must also invalidate it (resolved package paths, and how it is built). */
const EXTRA_INPUTS = ['pnpm-lock.yaml', 'session-actor/package.json', 'shared/package.json', 'session-actor/build/buildActor.ts'];

const builtins = new Set(builtinModules);

/**
 * Keeps node_modules packages external, imported by absolute path; bundles @switchboard/*.
 * An external whose bindings nothing in the bundle uses is dropped (`sideEffects: false`): a
 * shared module the actor does not need may import a library (zod, argon2) without every actor
 * loading it. Nothing here imports a package for its side effects alone.
 */
const externalByPath: Plugin = {
  name: 'external-by-path',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'inner' || args.path.startsWith('@switchboard/')) return undefined;
      if (args.path.startsWith('node:') || builtins.has(args.path)) return { path: args.path, external: true, sideEffects: false };
      const hit = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
      if (hit.errors.length) return { errors: hit.errors };
      return { path: hit.path, external: true, sideEffects: false };
    });
  },
};

/** Bundles the actor into dist/main.js and writes dist/stamp.json; returns the stamp. */
export async function buildActor(): Promise<ActorBuildStamp> {
  const distDir = dirname(ACTOR_BUNDLE);
  mkdirSync(distDir, { recursive: true });
  const tmp = join(distDir, `main.${process.pid}.tmp.js`);
  const result = await build({
    entryPoints: [join(pkgDir, 'src/main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['import', 'node'],
    // A map file beside the bundle, not inline: V8 keeps a script's whole source and its inline
    // map's data URL in every actor's heap (~1.3 MB each), and only debuggers read the map.
    sourcemap: 'external',
    footer: { js: `//# sourceMappingURL=${basename(ACTOR_BUNDLE)}.map` },
    metafile: true,
    logLevel: 'silent',
    plugins: [externalByPath],
  });
  const bundled = Object.keys(result.metafile.inputs).map((p) => relative(ROOT_DIR, resolve(process.cwd(), p)));
  const inputs = [...bundled.sort(), ...EXTRA_INPUTS];
  const stamp: ActorBuildStamp = { hash: hashInputs(inputs), inputs };
  renameSync(`${tmp}.map`, `${ACTOR_BUNDLE}.map`);
  renameSync(tmp, ACTOR_BUNDLE);
  const stampTmp = join(distDir, `stamp.${process.pid}.tmp.json`);
  writeFileSync(stampTmp, JSON.stringify(stamp));
  renameSync(stampTmp, ACTOR_STAMP);
  return stamp;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildActor().then(
    (s) => process.stdout.write(`session-actor: built dist/main.js from ${s.inputs.length} files\n`),
    (err: unknown) => {
      process.stderr.write(`session-actor: build failed: ${(err as Error)?.message ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
