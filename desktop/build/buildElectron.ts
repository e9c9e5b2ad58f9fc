/**
 * Bundles the Electron side with esbuild into desktop/dist (the packaged app's layout):
 *   electron/main.js      the main process (ESM, node22; `electron` left external)
 *   electron/preload.cjs  the sandboxed preload (CJS; may require nothing but `electron`, checked)
 *   package.json          the app manifest electron-builder and `electron dist` read (no dependencies:
 *                         everything is bundled, so no node_modules go into the package)
 *   build-resources/icon.png  the installers' icon, drawn by src/main/appIcon.ts
 * The renderer (dist/renderer) is built separately by consoleBuild.ts. Node-only.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { ICON_BLUE, renderIconPng } from '../src/main/appIcon.ts';

const desktopDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The folder electron-builder packs and `electron` runs in development. */
export const APP_DIST = join(desktopDir, 'dist');
/** Bundles of main and preload. */
export const ELECTRON_DIST = join(APP_DIST, 'electron');
/** Installer resources (icons). */
export const BUILD_RESOURCES = join(APP_DIST, 'build-resources');

/** Electron 39 runs Node 22 and Chromium 142. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome142';

/** Modules a sandboxed preload may require besides its own bundle. */
const PRELOAD_EXTERNALS = new Set(['electron']);

/** Fails when the preload bundle would require anything a sandboxed preload cannot load. */
export function assertPreloadExternals(metafile: Metafile): void {
  const external = new Set<string>();
  for (const input of Object.values(metafile.inputs)) for (const imp of input.imports) if (imp.external) external.add(imp.path);
  const bad = [...external].filter((p) => !PRELOAD_EXTERNALS.has(p));
  if (bad.length) throw new Error(`the sandboxed preload may only require electron, but imports: ${bad.join(', ')}`);
}

/** The app manifest written to dist/package.json. */
export function appManifest(desktopPackage: { version: string; description?: string }): Record<string, unknown> {
  return {
    name: 'switchboard-desktop',
    productName: 'Switchboard',
    version: desktopPackage.version,
    description: desktopPackage.description ?? 'Switchboard',
    author: { name: 'Switchboard', email: 'desktop@switchboard.invalid' },
    license: 'UNLICENSED',
    type: 'module',
    main: 'electron/main.js',
  };
}

/** What buildElectron produced. */
export interface ElectronBuildResult {
  main: string;
  preload: string;
  manifest: string;
  icon: string;
}

const common = { bundle: true, sourcemap: 'linked', logLevel: 'warning', legalComments: 'none', absWorkingDir: desktopDir } as const;

/** The line that gives the ESM main bundle a `require` for its CommonJS dependencies. */
export const MAIN_REQUIRE_BANNER = "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);";

/** esbuild options of the main-process bundle (ESM: Electron 39 loads ESM main scripts). */
export function mainBuildOptions(): BuildOptions {
  return {
    ...common,
    entryPoints: [join(desktopDir, 'src/main/main.ts')],
    outfile: join(ELECTRON_DIST, 'main.js'),
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    external: ['electron'],
    // CommonJS dependencies (electron-updater) `require` electron and Node's modules: an ESM
    // bundle has no `require` of its own, so it gets one.
    banner: { js: MAIN_REQUIRE_BANNER },
  };
}

/** esbuild options of the preload bundle (CJS: sandboxed preloads cannot be ESM). */
export function preloadBuildOptions(): BuildOptions {
  return {
    ...common,
    entryPoints: [join(desktopDir, 'src/preload/preload.ts')],
    outfile: join(ELECTRON_DIST, 'preload.cjs'),
    platform: 'node',
    format: 'cjs',
    target: [NODE_TARGET, CHROME_TARGET],
    external: ['electron'],
    metafile: true,
  };
}

/**
 * The preload bundle's code, built in memory (the browser tests run it in Chromium with
 * Electron's IPC faked: tests/e2e/support/desktopShell.ts).
 */
export async function bundlePreload(): Promise<string> {
  const result = await build({ ...preloadBuildOptions(), sourcemap: false, write: false });
  assertPreloadExternals(result.metafile!);
  return result.outputFiles![0]!.text;
}

/** Builds main, preload, the app manifest and the icon into desktop/dist. */
export async function buildElectron(): Promise<ElectronBuildResult> {
  const main = join(ELECTRON_DIST, 'main.js');
  const preload = join(ELECTRON_DIST, 'preload.cjs');
  await build(mainBuildOptions());
  const preloadResult = await build({ ...preloadBuildOptions(), metafile: true });
  assertPreloadExternals(preloadResult.metafile);

  const pkg = JSON.parse(readFileSync(join(desktopDir, 'package.json'), 'utf8')) as { version: string; description?: string };
  const manifest = join(APP_DIST, 'package.json');
  writeFileSync(manifest, `${JSON.stringify(appManifest(pkg), null, 2)}\n`);
  mkdirSync(BUILD_RESOURCES, { recursive: true });
  const icon = join(BUILD_RESOURCES, 'icon.png');
  writeFileSync(icon, renderIconPng({ size: 1024, color: ICON_BLUE, dot: true }));
  return { main, preload, manifest, icon };
}
