/**
 * The one contract between the Electron main process and the renderer. The preload script
 * exposes exactly `DesktopBridge` on `window.switchboard` through contextBridge (never raw
 * ipcRenderer); each method maps to one channel of `INVOKE_CHANNELS` / `SEND_CHANNELS` /
 * `EVENT_CHANNELS`, and main validates the sender and the payload of every message.
 * Pure types and constants: imported by main, preload and renderer alike.
 */

/** Result of storing the server URL chosen at first start. */
export type SetServerUrlResult = { ok: true; url: string } | { ok: false; code: 'invalid_url' | 'unreachable'; message: string };

/** Result of storing the session token. */
export type StoreTokenResult = { ok: true } | { ok: false; code: 'insecure_storage' | 'storage_failed'; message: string };

/** How the OS protects stored secrets (Linux `basic_text` means: not really). */
export interface SecureStorageInfo {
  available: boolean;
  /** Electron's safeStorage backend on Linux (`gnome_libsecret`, `kwallet`, `basic_text`, …); 'os' elsewhere. */
  backend: string;
  /** True when the token would be stored without real protection. */
  weak: boolean;
}

/** A native notification request. `tag` replaces an earlier notification with the same tag. */
export interface NotifyRequest {
  title: string;
  body: string;
  tag: string;
  /** In-app route to open when the notification is clicked (e.g. `/inbox/ventas/346…`). */
  route?: string;
  silent?: boolean;
  /**
   * The chat (its inbox key) an answer typed in the notification goes to: main offers an inline
   * reply where the OS has one (macOS) and hands the text back as `sb:notification-reply`.
   */
  replyTo?: string;
}

/** An answer typed in a notification's inline reply field (at most one per notification). */
export interface NotificationReply {
  replyTo: string;
  text: string;
}

/** Light or dark, as the user chose in the console (*Apariencia*), or the system's. */
export type ThemeSource = 'system' | 'light' | 'dark';
export const THEME_SOURCES: readonly ThemeSource[] = ['system', 'light', 'dark'];

/** The console's language, which main keeps for the next start (Chromium's `--lang`: date and time fields). */
export type DesktopLanguage = 'es' | 'en';
export const DESKTOP_LANGUAGES: readonly DesktopLanguage[] = ['es', 'en'];

/** Request/response channels (`ipcRenderer.invoke` ↔ `ipcMain.handle`). */
export interface InvokeChannels {
  'sb:server-url:get': { req: void; res: string | null };
  'sb:server-url:set': { req: string; res: SetServerUrlResult };
  'sb:token:get': { req: void; res: string | null };
  'sb:token:set': { req: string; res: StoreTokenResult };
  'sb:token:clear': { req: void; res: void };
  'sb:secure-storage': { req: void; res: SecureStorageInfo };
}

/** Fire-and-forget channels (`ipcRenderer.send` → `ipcMain.on`). */
export interface SendChannels {
  'sb:notify': NotifyRequest;
  'sb:badge': number;
  /** The console's theme: main makes the window's frame and menus match (nativeTheme). */
  'sb:theme': ThemeSource;
  /** The console's language: main starts the next run in it, so the renderer's own date and time fields match. */
  'sb:language': DesktopLanguage;
}

/** Main → renderer events (`webContents.send` → listener registered through the bridge). */
export interface EventChannels {
  /** Open an in-app route: from a deep link (`switchboard://…`) or a clicked notification. */
  'sb:navigate': string;
  /** The user answered a notification inline: the renderer sends it (through its outbox, once). */
  'sb:notification-reply': NotificationReply;
}

export const INVOKE_CHANNELS = ['sb:server-url:get', 'sb:server-url:set', 'sb:token:get', 'sb:token:set', 'sb:token:clear', 'sb:secure-storage'] as const satisfies readonly (keyof InvokeChannels)[];
export const SEND_CHANNELS = ['sb:notify', 'sb:badge', 'sb:theme', 'sb:language'] as const satisfies readonly (keyof SendChannels)[];
export const EVENT_CHANNELS = ['sb:navigate', 'sb:notification-reply'] as const satisfies readonly (keyof EventChannels)[];

/**
 * Largest payloads main accepts on each channel; anything longer (or of the wrong type) is
 * refused (invoke) or ignored (send). The renderer truncates notification text to fit.
 */
export const IPC_LIMITS = {
  serverUrl: 2048,
  token: 8192,
  notifyTitle: 256,
  notifyBody: 2048,
  notifyTag: 256,
  route: 2048,
  badge: 99_999,
  replyTo: 512,
  replyText: 4096,
} as const;

/** What the preload exposes as `window.switchboard`. */
export interface DesktopBridge {
  readonly kind: 'desktop';
  readonly version: string;
  readonly os: 'linux' | 'darwin' | 'win32' | 'other';
  getServerUrl(): Promise<string | null>;
  setServerUrl(url: string): Promise<SetServerUrlResult>;
  getToken(): Promise<string | null>;
  setToken(token: string): Promise<StoreTokenResult>;
  clearToken(): Promise<void>;
  secureStorage(): Promise<SecureStorageInfo>;
  notify(n: NotifyRequest): void;
  setBadge(count: number): void;
  setTheme(theme: ThemeSource): void;
  setLanguage(language: DesktopLanguage): void;
  /** Subscribes to navigation requests from main; returns the unsubscribe function. */
  onNavigate(cb: (route: string) => void): () => void;
  /** Subscribes to answers typed in notifications; returns the unsubscribe function. */
  onNotificationReply(cb: (reply: NotificationReply) => void): () => void;
}

/** The privileged scheme the desktop app is served from (never file://). */
export const APP_SCHEME = 'switchboard-app';
/** Origin of the desktop app's pages: the gateway must allow it for CORS and Socket.IO. */
export const APP_ORIGIN = `${APP_SCHEME}://console`;
/** The deep-link scheme registered with the OS. */
export const DEEP_LINK_SCHEME = 'switchboard';
