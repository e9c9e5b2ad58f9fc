/** `pnpm build:console`: builds the renderer now (even when fresh with `--force`). CLI: prints to stdout. */
import { CONSOLE_DIST_RELATIVE, ensureConsoleBuilt } from './consoleBuild.ts';

const force = process.argv.includes('--force');
ensureConsoleBuilt({ force, onBuild: () => process.stdout.write('building the console / compilando la consola…\n') }).then(
  (r) => process.stdout.write(`console ${r.built ? 'built' : 'already up to date'}: ${CONSOLE_DIST_RELATIVE}\n`),
  (err: unknown) => {
    process.stderr.write(`console build failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
