/**
 * `pnpm desktop:dev [--server=<url>]`: builds the renderer and the Electron bundles and starts
 * Electron on desktop/dist with SWITCHBOARD_SERVER_URL set to the gateway (default
 * http://localhost:$PORT, PORT defaulting to the gateway's 5000). Without the Electron binary
 * it explains how to get it and exits 0. CLI: prints to stdout.
 */
import { spawn } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { CONSOLE_DIST, ensureConsoleBuilt } from './consoleBuild.ts';
import { APP_DIST, buildElectron } from './buildElectron.ts';
import { ensureElectronBinary, missingBinaryExplanation } from './electronBinary.ts';

const root = resolve(APP_DIST, '..', '..');
const serverArg = process.argv.slice(2).find((a) => a.startsWith('--server='));
const serverUrl = serverArg?.slice('--server='.length) || process.env.SWITCHBOARD_SERVER_URL || `http://localhost:${process.env.PORT || 5000}`;

async function main(): Promise<number> {
  await ensureConsoleBuilt({ onBuild: () => process.stdout.write('building the console / compilando la consola…\n') });
  const bundles = await buildElectron();
  const built = [`${relative(root, CONSOLE_DIST)} (renderer)`, `${relative(root, bundles.main)}, ${relative(root, bundles.preload)} (main, preload)`];
  const binary = ensureElectronBinary();
  if (!binary.ok) {
    process.stdout.write(missingBinaryExplanation('run', built, binary.reason));
    return 0;
  }
  process.stdout.write(`starting Switchboard desktop / abriendo Switchboard escritorio → ${serverUrl}\n`);
  const child = spawn(binary.executable, [APP_DIST], { stdio: 'inherit', env: { ...process.env, SWITCHBOARD_SERVER_URL: serverUrl } });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((done) => child.on('exit', (code) => done(code ?? 0)));
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`desktop:dev failed / falló: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
