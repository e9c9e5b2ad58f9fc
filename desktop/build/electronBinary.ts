/**
 * The Electron binary of node_modules/electron. pnpm does not run electron's postinstall here
 * (pnpm-workspace.yaml), so `pnpm install` works offline and the ~100 MB binary is fetched
 * only when someone packs or runs the app: `ensureElectronBinary` runs electron's own
 * install.js once when it is missing, and `missingBinaryExplanation` says, in Spanish and
 * English, what was built, what is missing and how to get it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const desktopDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = resolve(desktopDir, '..');
// desktop/node_modules/electron (pnpm's link), falling back to wherever node resolves the package.
const linked = join(desktopDir, 'node_modules', 'electron');
const electronDir = existsSync(join(linked, 'package.json'))
  ? linked
  : dirname(createRequire(join(desktopDir, 'package.json')).resolve('electron/package.json'));

/** Path of the Electron executable, or null when the binary is not installed. */
export function electronExecutable(): string | null {
  try {
    const rel = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const exe = join(electronDir, 'dist', rel);
    return existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

/** Outcome of ensureElectronBinary. */
export type BinaryStatus = { ok: true; executable: string; downloaded: boolean } | { ok: false; reason: string };

/** Returns the executable, running electron's install.js first when it is missing (needs internet or ELECTRON_MIRROR). */
export function ensureElectronBinary(): BinaryStatus {
  const present = electronExecutable();
  if (present) return { ok: true, executable: present, downloaded: false };
  const run = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, encoding: 'utf8', timeout: 10 * 60_000 });
  const after = electronExecutable();
  if (after) return { ok: true, executable: after, downloaded: true };
  const output = `${run.stderr ?? ''}\n${run.stdout ?? ''}`;
  const firstError = output.split('\n').find((l) => /error/i.test(l))?.trim() ?? run.error?.message ?? `exit code ${run.status}`;
  return { ok: false, reason: firstError };
}

/** What to tell the user when the binary could not be obtained; `built` lists what was built anyway. */
export function missingBinaryExplanation(action: 'pack' | 'run', built: string[], reason: string): string {
  const where = relative(rootDir, join(electronDir, 'dist')) || 'node_modules/electron/dist';
  const list = built.map((b) => `      - ${b}`).join('\n');
  const es =
    action === 'pack'
      ? 'No se ha generado el paquete de escritorio: falta el binario de Electron.'
      : 'No se puede abrir la aplicación de escritorio: falta el binario de Electron.';
  const en = action === 'pack' ? 'No desktop package was produced: the Electron binary is missing.' : 'The desktop app cannot start: the Electron binary is missing.';
  return [
    '',
    `ES  ${es}`,
    `    Compilado y listo:\n${list}`,
    `    Falta: ${where} (la descarga de Electron falló: ${reason}).`,
    '    Para obtenerlo: ejecuta este comando en un equipo con acceso a internet, o define',
    '    ELECTRON_MIRROR con un espejo accesible (p. ej. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/)',
    '    y vuelve a ejecutarlo. El resto del proyecto (pnpm install, pruebas, consola web) no lo necesita.',
    '',
    `EN  ${en}`,
    `    Built and ready:\n${list}`,
    `    Missing: ${where} (downloading Electron failed: ${reason}).`,
    '    To get it: run this command on a machine with internet access, or set ELECTRON_MIRROR to a',
    '    reachable mirror (e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/) and run it again.',
    '    Nothing else in the project (pnpm install, tests, the web console) needs it.',
    '',
  ].join('\n');
}
