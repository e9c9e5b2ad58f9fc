/**
 * `pnpm desktop:pack`: builds the renderer and the Electron bundles, then packs the app for
 * this platform with electron-builder (`--dir`: an unpacked app in desktop/release/;
 * `--installers`: this platform's installers — AppImage + deb, NSIS, or dmg).
 * Without the Electron binary (and no way to download it) it explains what was built and
 * how to get the binary, and exits 0: a missing download is not a build error. Pass
 * `--require-binary` (CI) to exit 2 instead. Real build errors exit 1. CLI: prints to stdout.
 */
import { relative, resolve } from 'node:path';
import { CONSOLE_DIST, ensureConsoleBuilt } from './consoleBuild.ts';
import { APP_DIST, buildElectron } from './buildElectron.ts';
import { ensureElectronBinary, missingBinaryExplanation } from './electronBinary.ts';

const root = resolve(APP_DIST, '..', '..');
const rel = (p: string): string => relative(root, p);
const args = new Set(process.argv.slice(2));

async function main(): Promise<number> {
  await ensureConsoleBuilt({ onBuild: () => process.stdout.write('building the console / compilando la consola…\n') });
  const bundles = await buildElectron();
  const built = [`${rel(CONSOLE_DIST)} (renderer)`, `${rel(bundles.main)}, ${rel(bundles.preload)} (main, preload)`, `${rel(bundles.manifest)} (app manifest)`];
  process.stdout.write(`built / compilado:\n${built.map((b) => `  ${b}`).join('\n')}\n`);

  const binary = ensureElectronBinary();
  if (!binary.ok) {
    process.stdout.write(missingBinaryExplanation('pack', built, binary.reason));
    return args.has('--require-binary') ? 2 : 0;
  }
  const { build, Platform } = await import('electron-builder');
  const { default: config } = await import('../electron-builder.config.ts');
  const platform = Platform.current();
  const targets = args.has('--installers') ? platform.createTarget() : platform.createTarget('dir');
  const outputs = await build({ targets, config, projectDir: resolve(APP_DIST, '..') });
  process.stdout.write(`packed / empaquetado:\n${outputs.map((o) => `  ${rel(o)}`).join('\n') || `  ${rel(resolve(APP_DIST, '..', 'release'))}`}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`desktop:pack failed / falló: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
