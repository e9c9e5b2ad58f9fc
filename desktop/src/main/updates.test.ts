import type { MessageBoxOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { updateMessagesFor } from './updateMessages.ts';
import { CHECK_EVERY_MS, createUpdates, FIRST_CHECK_MS, updatesFeedUrl, type Updater, type UpdatesOptions } from './updates.ts';

const m = updateMessagesFor('es-ES');

/** electron-updater's autoUpdater as far as updates.ts uses it, answering `latest`. */
function fakeUpdater(latest: string | null) {
  const calls: string[] = [];
  const u: Updater & { calls: string[] } = {
    calls,
    autoDownload: true,
    autoInstallOnAppQuit: true,
    disableDifferentialDownload: false,
    setFeedURL: (o) => void calls.push(`feed ${o.provider} ${o.url}`),
    checkForUpdates: async () => (calls.push('check'), latest === null ? null : { isUpdateAvailable: latest !== '0.1.0', updateInfo: { version: latest } }),
    downloadUpdate: async () => calls.push('download'),
    quitAndInstall: (silent, runAfter) => void calls.push(`install ${silent} ${runAfter}`),
  };
  return u;
}

/** The updates with `answers` given to the dialogs in turn; the dialogs' messages are kept. */
function setup(updater: Updater, answers: number[] = [], over: Partial<UpdatesOptions> = {}) {
  const shown: MessageBoxOptions[] = [];
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const made = vi.fn(() => updater);
  const updates = createUpdates({
    updater: made,
    dialog: { showMessageBox: vi.fn(async (...args: unknown[]) => (shown.push(args.at(-1) as MessageBoxOptions), { response: answers.shift() ?? 1, checkboxChecked: false })) },
    messages: m,
    serverOrigin: () => 'https://switchboard.tienda.es',
    window: () => null,
    currentVersion: '0.1.0',
    packaged: true,
    log,
    ...over,
  });
  return { updates, shown, log, made };
}

describe('desktop updates', () => {
  it('reads the feed from the connected server, only over https or on this computer', () => {
    expect(updatesFeedUrl('https://switchboard.tienda.es')).toBe('https://switchboard.tienda.es/desktop/updates/');
    expect(updatesFeedUrl('http://localhost:3000')).toBe('http://localhost:3000/desktop/updates/');
    expect(updatesFeedUrl('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000/desktop/updates/');
    expect(updatesFeedUrl('http://10.0.0.5:3000')).toBeNull();
  });

  it('asks before downloading and before installing; restarting installs at once', async () => {
    const u = fakeUpdater('0.2.0');
    const { updates, shown } = setup(u, [0, 0]);
    await updates.check(false);
    expect(u.calls).toEqual(['feed generic https://switchboard.tienda.es/desktop/updates/', 'check', 'download', 'install false true']);
    expect(shown.map((s) => [s.message, s.buttons])).toEqual([
      ['Hay una versión nueva de Switchboard: 0.2.0.', ['Descargar', 'Ahora no']],
      ['Switchboard 0.2.0 está listo para instalarse.', ['Reiniciar ahora', 'Al salir']],
    ]);
    // Never on its own: no download, no install on quit, until asked.
    expect(u.autoDownload).toBe(false);
    expect(u.autoInstallOnAppQuit).toBe(true);
    expect(u.disableDifferentialDownload).toBe(true);
  });

  it('installs on quit when told "Al salir"; a version turned down is not offered again by the timer', async () => {
    const later = fakeUpdater('0.2.0');
    await setup(later, [0, 1]).updates.check(false);
    expect(later.calls).toEqual(['feed generic https://switchboard.tienda.es/desktop/updates/', 'check', 'download']);
    expect(later.autoInstallOnAppQuit).toBe(true);

    const no = fakeUpdater('0.2.0');
    const { updates, shown } = setup(no, [1]);
    await updates.check(false);
    expect(no.autoInstallOnAppQuit).toBe(false);
    await updates.check(false);
    expect(shown).toHaveLength(1);
    expect(no.calls.filter((c) => c === 'download')).toEqual([]);
    // The menu still offers it.
    await updates.check(true);
    expect(shown).toHaveLength(2);
  });

  it('says nothing from the timer when up to date or failing; the menu says why', async () => {
    const current = setup(fakeUpdater('0.1.0'));
    await current.updates.check(false);
    expect(current.shown).toEqual([]);
    await current.updates.check(true);
    expect(current.shown.map((s) => s.message)).toEqual(['Tienes la última versión de Switchboard (0.1.0).']);

    const broken = fakeUpdater('0.2.0');
    broken.checkForUpdates = async () => {
      throw new Error('HttpError: 404 Not Found');
    };
    const failing = setup(broken);
    await failing.updates.check(false);
    expect(failing.shown).toEqual([]);
    expect(failing.log.warn).toHaveBeenCalledWith({ err: expect.any(Error) }, 'update check failed');
    await failing.updates.check(true);
    expect(failing.shown.map((s) => [s.message, s.detail])).toEqual([['No se pudo buscar actualizaciones.', 'HttpError: 404 Not Found\nSe volverá a intentar más tarde.']]);
  });

  it('never reaches electron-updater without a usable server, nor in a development run', async () => {
    const plain = setup(fakeUpdater('0.2.0'), [], { serverOrigin: () => 'http://10.0.0.5:3000' });
    await plain.updates.check(false);
    await plain.updates.check(true);
    expect(plain.made).not.toHaveBeenCalled();
    expect(plain.shown.map((s) => s.message)).toEqual([m.insecure('http://10.0.0.5:3000')]);

    const none = setup(fakeUpdater('0.2.0'), [], { serverOrigin: () => null });
    await none.updates.check(true);
    const dev = setup(fakeUpdater('0.2.0'), [], { packaged: false });
    await dev.updates.check(true);
    expect([none.made.mock.calls.length, dev.made.mock.calls.length]).toEqual([0, 0]);
    expect([none.shown[0]?.message, dev.shown[0]?.message]).toEqual([m.noServer, m.notPackaged]);
  });

  it('looks a minute after start and every 6 hours', async () => {
    const u = fakeUpdater('0.1.0');
    const timers: [string, number, () => void][] = [];
    const { updates } = setup(u, [], { setTimeout: (fn, ms) => timers.push(['once', ms, fn]), setInterval: (fn, ms) => timers.push(['every', ms, fn]) });
    updates.schedule();
    expect(timers.map(([kind, ms]) => [kind, ms])).toEqual([
      ['once', FIRST_CHECK_MS],
      ['every', CHECK_EVERY_MS],
    ]);
    timers[0]![2]();
    await vi.waitFor(() => expect(u.calls).toContain('check'));
  });
});
