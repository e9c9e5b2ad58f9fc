/**
 * Native notifications, created in main (they work with the window hidden or minimised,
 * unlike web notifications in a background page). One per tag: a new notification with the
 * tag of a shown one replaces it instead of stacking. Clicking opens the window on the
 * notification's route.
 */
import type { Notification as ElectronNotification, NotificationConstructorOptions } from 'electron';
import type { NotifyRequest } from '../common/ipcContract.ts';

/** The Notification class (injected so tests can count instances). */
export interface NotificationClass {
  new (options: NotificationConstructorOptions): ElectronNotification;
  isSupported(): boolean;
}

/** Dependencies of the notifier. */
export interface NotifierOptions {
  Notification: NotificationClass;
  /** A notification was clicked: show the window and open `route` when given. */
  onClick: (route: string | undefined) => void;
  icon?: NotificationConstructorOptions['icon'];
  /** Notifications kept (for replacement and click handling); the oldest are forgotten. */
  limit?: number;
}

/** The notifier. */
export interface Notifier {
  show(request: NotifyRequest): void;
  /** Notifications currently tracked, by tag. */
  size(): number;
}

/** Creates the notifier. */
export function createNotifier(opts: NotifierOptions): Notifier {
  const byTag = new Map<string, ElectronNotification>();
  const limit = opts.limit ?? 50;
  return {
    show(request) {
      if (!opts.Notification.isSupported()) return;
      const previous = byTag.get(request.tag);
      byTag.delete(request.tag);
      previous?.close();
      const note = new opts.Notification({
        title: request.title,
        body: request.body,
        silent: request.silent ?? false,
        ...(opts.icon ? { icon: opts.icon } : {}),
      });
      const forget = (): void => {
        if (byTag.get(request.tag) === note) byTag.delete(request.tag);
      };
      note.on('click', () => {
        forget();
        opts.onClick(request.route);
      });
      note.on('close', forget);
      byTag.set(request.tag, note);
      if (byTag.size > limit) byTag.delete(byTag.keys().next().value as string);
      note.show();
    },
    size: () => byTag.size,
  };
}
