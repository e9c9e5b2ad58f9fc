/**
 * Native notifications, created in main (they work with the window hidden or minimised,
 * unlike web notifications in a background page). One per tag: a new notification with the
 * tag of a shown one replaces it instead of stacking. Clicking opens the window on the
 * notification's route. Where the OS has an inline reply field (macOS) and the request names the
 * chat it answers, the notification offers it; the text typed goes to `onReply` once, however
 * many times the OS reports it (Windows and macOS have been seen to deliver a reply twice).
 */
import type { Notification as ElectronNotification, NotificationConstructorOptions } from 'electron';
import { IPC_LIMITS, type NotificationReply, type NotifyRequest } from '../common/ipcContract.ts';

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
  /** The OS shows an inline reply field (`hasReply`: macOS). */
  inlineReply?: boolean;
  /** The reply field's placeholder. */
  replyPlaceholder?: string;
  /** The user answered a notification inline. */
  onReply?: (reply: NotificationReply) => void;
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
      const replyTo = opts.inlineReply && opts.onReply ? request.replyTo : undefined;
      const note = new opts.Notification({
        title: request.title,
        body: request.body,
        silent: request.silent ?? false,
        ...(opts.icon ? { icon: opts.icon } : {}),
        ...(replyTo !== undefined ? { hasReply: true, ...(opts.replyPlaceholder ? { replyPlaceholder: opts.replyPlaceholder } : {}) } : {}),
      });
      const forget = (): void => {
        if (byTag.get(request.tag) === note) byTag.delete(request.tag);
      };
      if (replyTo !== undefined) {
        let replied = false;
        note.on('reply', (_event, text: unknown) => {
          if (replied || typeof text !== 'string' || !text.trim() || text.length > IPC_LIMITS.replyText) return;
          replied = true;
          forget();
          opts.onReply?.({ replyTo, text });
        });
      }
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
