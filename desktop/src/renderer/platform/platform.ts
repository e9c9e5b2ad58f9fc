/**
 * Where the renderer runs: a browser tab served by the gateway, or the Electron desktop app
 * (which exposes `window.switchboard`). Everything that differs between the two (server URL,
 * token storage, notifications, badge, deep links) goes through this one interface.
 */
import type { DesktopBridge, NotificationReply, NotifyRequest } from '../../common/ipcContract.ts';

/** The host's services. */
export interface Platform {
  kind: 'browser' | 'desktop';
  /** Origin of the gateway ('' = the page's own origin). */
  serverUrl: string;
  loadToken(): Promise<string | null>;
  /** Stores the token; resolves to a warning text code when storage is weak. */
  saveToken(token: string): Promise<void>;
  clearToken(): Promise<void>;
  notify(n: NotifyRequest, onClick?: () => void): void;
  setBadge(count: number): void;
  onNavigate(cb: (route: string) => void): () => void;
  /** Answers typed in a notification (the desktop app on macOS); returns the unsubscribe function. */
  onNotificationReply(cb: (reply: NotificationReply) => void): () => void;
  bridge?: DesktopBridge;
}

const TOKEN_KEY = 'switchboard.token';

/** The browser: same-origin gateway, token in localStorage, Web Notifications, badge in the title. */
export function browserPlatform(): Platform {
  const baseTitle = document.title || 'Switchboard';
  return {
    kind: 'browser',
    serverUrl: '',
    async loadToken() {
      try {
        return localStorage.getItem(TOKEN_KEY);
      } catch {
        return null;
      }
    },
    async saveToken(token) {
      try {
        localStorage.setItem(TOKEN_KEY, token);
      } catch {
        /* private mode: the token lives for this tab only */
      }
    },
    async clearToken() {
      try {
        localStorage.removeItem(TOKEN_KEY);
      } catch {
        /* nothing stored */
      }
    },
    notify(n, onClick) {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      const note = new Notification(n.title, { body: n.body, tag: n.tag, silent: n.silent ?? false });
      note.onclick = () => {
        window.focus();
        onClick?.();
        note.close();
      };
    },
    setBadge(count) {
      document.title = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
      const nav = navigator as Navigator & { setAppBadge?: (n: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
      if (count > 0) void nav.setAppBadge?.(count).catch(() => undefined);
      else void nav.clearAppBadge?.().catch(() => undefined);
    },
    onNavigate: () => () => undefined,
    // Web notifications have no reply field outside a service worker.
    onNotificationReply: () => () => undefined,
  };
}

/** The Electron app: everything through the preload bridge. */
export function desktopPlatform(bridge: DesktopBridge, serverUrl: string): Platform {
  return {
    kind: 'desktop',
    serverUrl: serverUrl.replace(/\/+$/, ''),
    loadToken: () => bridge.getToken(),
    async saveToken(token) {
      const r = await bridge.setToken(token);
      if (!r.ok) throw new Error(r.message);
    },
    clearToken: () => bridge.clearToken(),
    notify: (n) => bridge.notify(n),
    setBadge: (count) => bridge.setBadge(count),
    onNavigate: (cb) => bridge.onNavigate(cb),
    // A desktop shell older than the page may lack it.
    onNotificationReply: (cb) => (typeof bridge.onNotificationReply === 'function' ? bridge.onNotificationReply(cb) : () => undefined),
    bridge,
  };
}

/** The desktop bridge when running inside Electron. */
export function desktopBridge(): DesktopBridge | undefined {
  const b = (window as Window & { switchboard?: DesktopBridge }).switchboard;
  return b && b.kind === 'desktop' ? b : undefined;
}
