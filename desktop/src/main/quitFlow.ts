/**
 * Closing the window hides it to the tray; quitting is explicit (tray or menu Quit) and asks
 * for confirmation while chats are unread. Quits the OS starts (logout, shutdown, the macOS
 * dock) are not delayed by a dialog: `before-quit` only marks the app as quitting so the
 * window's close goes through.
 */
import type { App, BrowserWindow, Dialog } from 'electron';
import type { Messages } from './messages.ts';

/** Dependencies of the quit flow. */
export interface QuitFlowOptions {
  app: Pick<App, 'quit' | 'on'>;
  dialog: Pick<Dialog, 'showMessageBox'>;
  messages: Messages;
  unread: () => number;
  window: () => BrowserWindow | null;
}

/** The quit flow. */
export interface QuitFlow {
  /** True once the app is really quitting (closing windows must not hide them then). */
  isQuitting(): boolean;
  /** Quit from the tray or the menu: confirm when there are unread chats. Resolves true when quitting. */
  requestQuit(): Promise<boolean>;
  /** Makes closing `win` hide it instead, unless the app is quitting. */
  hideOnClose(win: BrowserWindow): void;
}

/** Creates the quit flow and listens to `before-quit`. */
export function createQuitFlow(opts: QuitFlowOptions): QuitFlow {
  let quitting = false;
  opts.app.on('before-quit', () => {
    quitting = true;
  });
  const confirm = async (unread: number): Promise<boolean> => {
    const m = opts.messages;
    const options = {
      type: 'question' as const,
      buttons: [m.quit, m.cancel],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
      title: m.quitConfirmTitle,
      message: m.quitConfirmMessage(unread),
      detail: m.quitConfirmDetail,
    };
    const win = opts.window();
    const { response } = win && !win.isDestroyed() ? await opts.dialog.showMessageBox(win, options) : await opts.dialog.showMessageBox(options);
    return response === 0;
  };
  return {
    isQuitting: () => quitting,
    async requestQuit() {
      const unread = opts.unread();
      if (unread > 0 && !(await confirm(unread))) return false;
      quitting = true;
      opts.app.quit();
      return true;
    },
    hideOnClose(win) {
      win.on('close', (event) => {
        if (quitting) return;
        event.preventDefault();
        win.hide();
      });
    },
  };
}
