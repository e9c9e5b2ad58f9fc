/**
 * electron-updater is CommonJS inside the ESM main bundle: bundled with the main bundle's own
 * options (its `require` banner), it must load and build its updater, requiring electron and
 * Node's modules at run time (without the banner every such require throws "Dynamic require").
 * Electron itself is a stand-in module here (the binary cannot run in tests).
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { mainBuildOptions } from '../../build/buildElectron.ts';

const dir = mkdtempSync(join(tmpdir(), 'updater-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The stand-in for `electron`: an app that is not packaged, and nothing else the updater touches at construction. */
const ELECTRON_STUB = `
const app = { isPackaged: false, getVersion: () => '0.1.0', getName: () => 'Switchboard', getAppPath: () => ${JSON.stringify(dir)}, getPath: () => ${JSON.stringify(dir)}, whenReady: () => Promise.resolve(), on() {}, once() {}, quit() {} };
module.exports = { app, net: {}, session: {}, autoUpdater: { on() {} } };
`;

describe('electron-updater in the main bundle', () => {
  it('loads and makes its updater from the ESM bundle', async () => {
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, "import * as electronUpdater from 'electron-updater';\nexport const updater = () => electronUpdater.autoUpdater;\n");
    const options = mainBuildOptions();
    await build({ ...options, entryPoints: [entry], outfile: join(dir, 'bundle.mjs'), sourcemap: false, nodePaths: [join(import.meta.dirname, '../../node_modules')] });
    mkdirSync(join(dir, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'electron', 'index.js'), ELECTRON_STUB);
    writeFileSync(join(dir, 'node_modules', 'electron', 'package.json'), '{"name":"electron","main":"index.js"}');
    // Plain Node, as Electron's main process loads it (the test runner would lend a `require`).
    writeFileSync(join(dir, 'run.mjs'), "const { updater } = await import('./bundle.mjs'); const u = updater(); console.log(typeof u.checkForUpdates, typeof u.setFeedURL);\n");
    const run = spawnSync(process.execPath, [join(dir, 'run.mjs')], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/Error|require/);
    expect(run.stdout.trim()).toBe('function function');
  });
});
