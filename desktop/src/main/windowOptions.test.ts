import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './windowOptions.ts';

const options = (devTools = false) =>
  mainWindowOptions({ preload: '/app/electron/preload.cjs', bounds: { x: 10, y: 20, width: 1200, height: 800 }, version: '1.2.3', devTools });

describe('mainWindowOptions', () => {
  it('isolates the page: context isolation, sandbox, no Node integration anywhere, web security on', () => {
    const web = options().webPreferences!;
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('loads the bundled preload by absolute path and passes it the version', () => {
    const web = options().webPreferences!;
    expect(web.preload).toBe('/app/electron/preload.cjs');
    expect(web.additionalArguments).toEqual(['--switchboard-version=1.2.3']);
  });

  it('turns developer tools on only when asked', () => {
    expect(options(false).webPreferences!.devTools).toBe(false);
    expect(options(true).webPreferences!.devTools).toBe(true);
  });

  it('places the window at the given bounds and shows it only when ready', () => {
    const o = options();
    expect(o).toMatchObject({ x: 10, y: 20, width: 1200, height: 800, show: false, title: 'Switchboard' });
    expect(o.minWidth).toBeGreaterThan(0);
  });
});
