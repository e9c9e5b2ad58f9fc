/**
 * One Switchboard per user: a second launch hands its command line (which may carry a
 * `switchboard://` link on Windows and Linux) to the running instance and quits; the running
 * instance restores and focuses its window and follows the link.
 */
import type { App, BrowserWindow } from 'electron';
import { deepLinkFromArgv } from './deepLinks.ts';

/** What the first instance does when another launch is attempted. */
export interface SecondInstanceHandlers {
  /** Restore, show and focus the main window. */
  showWindow(): void;
  /** Open a route from a deep link in the second launch's arguments. */
  navigate(route: string): void;
}

/**
 * Takes the single-instance lock. Returns false (and quits) when another instance holds it;
 * otherwise wires `second-instance` and returns true.
 */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, handlers: SecondInstanceHandlers): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => {
    handlers.showWindow();
    const route = deepLinkFromArgv(argv);
    if (route) handlers.navigate(route);
  });
  return true;
}

/** Brings `win` to the front: un-minimise, show, focus. */
export function revealWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
