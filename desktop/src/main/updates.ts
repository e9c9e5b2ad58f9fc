/**
 * Updates of the packaged app, from the Switchboard server it is connected to: electron-builder's
 * feed (`latest.yml`) and installers, which the server serves from its DESKTOP_UPDATES_DIR at
 * `<server>/desktop/updates/`. Looked for a minute after start and every 6 hours, and from the
 * menu (*Buscar actualizaciones…*). Nothing is downloaded or installed without asking: a new
 * version asks *Descargar / Ahora no*, a downloaded one *Reiniciar ahora / Al salir*. A version
 * turned down is not offered again by the timer in this run (the menu still offers it). Only over
 * https (or to this computer): a feed over plain http could be swapped on the way. The timer's
 * failures (the server without updates, offline) are logged, never shown; the menu's are.
 * from: appReady.ts (packaged runs schedule; the menu checks) → here → electron-updater.
 */
import type { BrowserWindow, Dialog, MessageBoxOptions } from 'electron';
import type { MainLogger } from './log.ts';
import type { UpdateMessages } from './updateMessages.ts';

/** Where the server serves the updates (gateway/src/console/desktopUpdates.ts). */
export const UPDATES_PATH = '/desktop/updates/';
/** First look after start, then every… */
export const FIRST_CHECK_MS = 60_000;
export const CHECK_EVERY_MS = 6 * 3600_000;

/** What this module uses of electron-updater's `autoUpdater`. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  disableDifferentialDownload: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

/** Dependencies of the updates. */
export interface UpdatesOptions {
  /** electron-updater's `autoUpdater`, made on first use (packaged runs only). */
  updater: () => Updater;
  dialog: Pick<Dialog, 'showMessageBox'>;
  messages: UpdateMessages;
  /** The server the app is connected to (an origin), or null before the first start is done. */
  serverOrigin: () => string | null;
  window: () => BrowserWindow | null;
  currentVersion: string;
  /** False in development runs: electron-updater installs nothing there. */
  packaged: boolean;
  log: MainLogger;
  /** Timers (tests pass fake ones). */
  setTimeout?: (fn: () => void, ms: number) => unknown;
  setInterval?: (fn: () => void, ms: number) => unknown;
}

/** The updates. */
export interface Updates {
  /** Looks now; `manual` (the menu) also says when there is nothing, or why it could not look. */
  check(manual: boolean): Promise<void>;
  /** Starts the timer (packaged runs). */
  schedule(): void;
}

/** The feed's address on `origin`, or null when it may not be used (plain http to another computer). */
export function updatesFeedUrl(origin: string): string | null {
  const url = new URL(origin);
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return null;
  return `${url.origin}${UPDATES_PATH}`;
}

/** Creates the updates (nothing runs until `check` or `schedule`). */
export function createUpdates(opts: UpdatesOptions): Updates {
  const { messages: m, log } = opts;
  let made: Updater | null = null;
  const updaterOf = (): Updater => {
    if (made) return made;
    made = opts.updater();
    // Asked first, always; full downloads (the server need not answer byte ranges).
    made.autoDownload = false;
    made.autoInstallOnAppQuit = false;
    made.disableDifferentialDownload = true;
    return made;
  };
  const declined = new Set<string>();
  let busy = false;

  const ask = async (options: MessageBoxOptions): Promise<number> => {
    const win = opts.window();
    const { response } = win && !win.isDestroyed() ? await opts.dialog.showMessageBox(win, options) : await opts.dialog.showMessageBox(options);
    return response;
  };
  const tell = (message: string, detail?: string, type: MessageBoxOptions['type'] = 'info') =>
    ask({ type, title: m.title, message, ...(detail ? { detail } : {}), buttons: [m.ok], noLink: true });

  const run = async (manual: boolean): Promise<void> => {
    if (!opts.packaged) return void (manual && (await tell(m.notPackaged)));
    const origin = opts.serverOrigin();
    if (!origin) return void (manual && (await tell(m.noServer)));
    const feed = updatesFeedUrl(origin);
    if (!feed) {
      log.warn({ origin }, 'updates skipped: the server is not https');
      return void (manual && (await tell(m.insecure(origin), undefined, 'warning')));
    }
    const updater = updaterOf();
    updater.setFeedURL({ provider: 'generic', url: feed });
    const found = await updater.checkForUpdates();
    if (!found?.isUpdateAvailable) return void (manual && (await tell(m.upToDate(opts.currentVersion))));
    const { version } = found.updateInfo;
    if (declined.has(version) && !manual) return;
    const download = await ask({ type: 'info', title: m.title, message: m.available(version), detail: m.availableDetail(opts.currentVersion), buttons: [m.download, m.notNow], defaultId: 0, cancelId: 1, noLink: true });
    if (download !== 0) {
      declined.add(version);
      return;
    }
    await updater.downloadUpdate();
    log.info({ version }, 'update downloaded');
    const restart = await ask({ type: 'info', title: m.title, message: m.ready(version), detail: m.readyDetail, buttons: [m.restart, m.onQuit], defaultId: 0, cancelId: 1, noLink: true });
    // "When I quit" is a yes too: it installs as the app quits.
    updater.autoInstallOnAppQuit = true;
    if (restart === 0) updater.quitAndInstall(false, true);
  };

  const check = async (manual: boolean): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      await run(manual);
    } catch (err) {
      log.warn({ err }, 'update check failed');
      if (manual) await tell(m.failed, m.failedDetail(err instanceof Error ? err.message : String(err)), 'warning').catch(() => undefined);
    } finally {
      busy = false;
    }
  };

  return {
    check,
    schedule() {
      const after = opts.setTimeout ?? setTimeout;
      const every = opts.setInterval ?? setInterval;
      after(() => void check(false), FIRST_CHECK_MS);
      every(() => void check(false), CHECK_EVERY_MS);
    },
  };
}
