/**
 * The unread count shown by the OS: the dock/launcher badge (`app.setBadgeCount`, macOS and
 * Linux launchers that support it), or on Windows an overlay icon on the taskbar button plus
 * a flashing frame when the count grows while the window is not focused. Listeners (tray
 * tooltip, quit confirmation) learn the count through `onChange`.
 */
import type { App, BrowserWindow, NativeImage } from 'electron';
import type { Messages } from './messages.ts';

/** Dependencies of the badge. */
export interface UnreadBadgeOptions {
  app: Pick<App, 'setBadgeCount'>;
  platform: NodeJS.Platform;
  window: () => BrowserWindow | null;
  /** The Windows overlay (a red disc). */
  overlayIcon: () => NativeImage;
  messages: Messages;
  onChange?: (count: number) => void;
}

/** The badge. */
export interface UnreadBadge {
  set(count: number): void;
  count(): number;
}

/** Creates the badge controller. */
export function createUnreadBadge(opts: UnreadBadgeOptions): UnreadBadge {
  let current = 0;
  const applyWindows = (count: number, previous: number): void => {
    const win = opts.window();
    if (!win || win.isDestroyed()) return;
    win.setOverlayIcon(count > 0 ? opts.overlayIcon() : null, count > 0 ? opts.messages.unreadOverlay(count) : '');
    if (count > previous && !win.isFocused()) win.flashFrame(true);
  };
  return {
    set(count) {
      const previous = current;
      if (count === previous) return;
      current = count;
      if (opts.platform === 'win32') applyWindows(count, previous);
      else opts.app.setBadgeCount(count);
      opts.onChange?.(count);
    },
    count: () => current,
  };
}
