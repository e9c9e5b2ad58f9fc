/**
 * The one window: created with the hardened options, placed where it was last left, shown
 * when its first paint is ready, and connected to the navigation queue (routes go out only
 * while a page is loaded). Navigation/permission guards are installed app-wide in
 * desktopApp.ts, not here.
 */
import { BrowserWindow, type NativeImage, type Rectangle } from 'electron';
import { APP_START_URL } from './appUrl.ts';
import type { MainLogger } from './log.ts';
import type { NavigationQueue } from './navigationQueue.ts';
import type { SavedBounds } from './settingsStore.ts';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, mainWindowOptions } from './windowOptions.ts';
import { restoreBounds, trackWindowBounds } from './windowBounds.ts';

/** Inputs of `createMainWindow`. */
export interface MainWindowInput {
  preload: string;
  version: string;
  devTools: boolean;
  icon?: NativeImage;
  savedBounds: SavedBounds | undefined;
  workAreas: Rectangle[];
  saveBounds: (bounds: SavedBounds) => void;
  navigation: NavigationQueue;
  log: MainLogger;
}

/** Creates the main window and starts loading the app. */
export function createMainWindow(input: MainWindowInput): BrowserWindow {
  const placement = restoreBounds(input.savedBounds, input.workAreas, { defaults: DEFAULT_WINDOW_SIZE, min: MIN_WINDOW_SIZE });
  const win = new BrowserWindow(
    mainWindowOptions({
      preload: input.preload,
      bounds: placement.bounds,
      version: input.version,
      devTools: input.devTools,
      ...(input.icon ? { icon: input.icon } : {}),
    }),
  );
  if (placement.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('focus', () => win.flashFrame(false));
  trackWindowBounds(win, input.saveBounds);

  const contents = win.webContents;
  contents.on('did-start-loading', () => input.navigation.pause());
  contents.on('did-stop-loading', () => input.navigation.ready((route) => contents.send('sb:navigate', route)));
  contents.on('render-process-gone', (_event, details) => {
    input.navigation.pause();
    input.log.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer process gone');
  });
  win.on('closed', () => input.navigation.pause());

  win.loadURL(APP_START_URL).catch((err: unknown) => input.log.warn({ err }, 'app page did not load'));
  return win;
}
