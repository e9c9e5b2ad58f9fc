/**
 * Everything that needs a ready app: token storage in userData (the settings come opened), the server URL
 * (with the CSP that follows it), the app scheme, permission handlers, notifications, the
 * unread badge, updates, the tray, the menu, the IPC handlers and finally the window.
 * from: desktopApp.ts → here → next: the window loads switchboard-app://console/.
 */
import { join } from 'node:path';
import { app, dialog, ipcMain, Menu, nativeImage, nativeTheme, net, Notification, safeStorage, screen, session } from 'electron';
import { appMenuTemplate } from './appMenu.ts';
import { ICON_BLUE, OVERLAY_RED, renderIconPng, type Rgb } from './appIcon.ts';
import { createAppRequestHandler, installAppProtocol } from './appProtocol.ts';
import { buildCsp } from './csp.ts';
import type { AppState, DesktopAppConfig } from './desktopApp.ts';
import { registerIpcHandlers } from './ipcHandlers.ts';
import { createMainWindow } from './mainWindow.ts';
import { messagesFor, type Messages } from './messages.ts';
import type { NavigationQueue } from './navigationQueue.ts';
import { createNotifier, type Notifier } from './notifications.ts';
import { installPermissionHandlers } from './permissions.ts';
import { createQuitFlow, type QuitFlow } from './quitFlow.ts';
import { createServerUrlService, type ServerUrlService } from './serverUrlService.ts';
import type { SettingsStore } from './settingsStore.ts';
import { revealWindow } from './singleInstance.ts';
import { createTokenStore, type TokenStore } from './tokenStore.ts';
import { createAppTray, type AppTray } from './trayMenu.ts';
import { createUnreadBadge, type UnreadBadge } from './unreadBadge.ts';
import { updateMessagesFor } from './updateMessages.ts';
import { createUpdates, type Updater } from './updates.ts';
import * as electronUpdater from 'electron-updater';

const icon = (size: number, color: Rgb = ICON_BLUE, dot = true) => nativeImage.createFromBuffer(renderIconPng({ size, color, dot }));

interface Storage {
  tokens: TokenStore;
  server: ServerUrlService;
}

/** Token and server URL, in userData beside the settings (opened before ready: desktopApp.ts). */
function openStorage(config: DesktopAppConfig, state: AppState, messages: Messages, settings: SettingsStore): Storage {
  const userData = app.getPath('userData');
  const tokens = createTokenStore({
    safeStorage,
    file: join(userData, 'token.json'),
    platform: process.platform,
    allowInsecure: () => config.allowInsecureTokenStorage || settings.get().allowInsecureTokenStorage === true,
    messages,
  });
  const server = createServerUrlService({
    settings,
    messages,
    probe: true,
    probeOptions: { fetch: (url, init) => net.fetch(url, init) },
    override: app.isPackaged ? null : config.serverUrlOverride,
    onChange: async (origin, previous) => {
      config.log.info({ origin }, 'server url changed');
      if (previous) await tokens.clear(); // the token belongs to the previous server
      // The page's CSP was fixed when it loaded: reload it (after this reply is sent) to get the new one.
      setTimeout(() => state.window?.webContents.reload(), 0);
    },
  });
  return { tokens, server };
}

interface Shell {
  badge: UnreadBadge;
  quit: QuitFlow;
  notifier: Notifier;
}

/** Badge, quit flow, notifications, menu and tray. */
function createShell(config: DesktopAppConfig, state: AppState, navigation: NavigationQueue, messages: Messages): Shell {
  const show = (): void => revealWindow(state.window);
  let tray: AppTray | null = null;
  const badge = createUnreadBadge({
    app,
    platform: process.platform,
    window: () => state.window,
    overlayIcon: () => icon(16, OVERLAY_RED, false),
    messages,
    onChange: (count) => tray?.setUnread(count),
  });
  const quit = createQuitFlow({ app, dialog, messages, unread: () => badge.count(), window: () => state.window });
  const notifier = createNotifier({
    Notification,
    icon: icon(64),
    onClick: (route) => {
      show();
      if (route) navigation.push(route);
    },
    inlineReply: process.platform === 'darwin',
    replyPlaceholder: messages.replyPlaceholder,
    // The renderer sends it through its outbox (kept while offline, sent once). A window closed
    // to the tray still has its page; with none at all, there is nobody signed in to send it.
    onReply: (reply) => state.window?.webContents.send('sb:notification-reply', reply),
  });
  const updateMessages = updateMessagesFor(app.getLocale());
  const updates = createUpdates({
    // electron-updater's own object, made (and wired to the app) only when first used.
    updater: () => electronUpdater.autoUpdater as unknown as Updater,
    dialog,
    messages: updateMessages,
    serverOrigin: () => state.serverOrigin(),
    window: () => state.window,
    currentVersion: app.getVersion(),
    packaged: app.isPackaged,
    log: config.log,
  });
  if (app.isPackaged) updates.schedule();
  const menuActions = { quit: () => void quit.requestQuit(), about: () => app.showAboutPanel(), checkUpdates: () => void updates.check(true) };
  app.setAboutPanelOptions({ applicationName: 'Switchboard', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(messages, process.platform, menuActions, !app.isPackaged, updateMessages.checkMenu)));
  try {
    tray = createAppTray(icon(32), messages, {
      show,
      hide: () => state.window?.hide(),
      quit: menuActions.quit,
      toggle: () => (state.window?.isVisible() && state.window.isFocused() ? state.window.hide() : show()),
    });
  } catch (err) {
    config.log.warn({ err }, 'no system tray: launch Switchboard again to show a hidden window');
  }
  return { badge, quit, notifier };
}

/** Creates the services, the IPC handlers, the tray, the menu and the window. */
export function startServices(config: DesktopAppConfig, state: AppState, navigation: NavigationQueue, settings: SettingsStore): void {
  const { log } = config;
  const messages = messagesFor(app.getLocale());
  const { tokens, server } = openStorage(config, state, messages, settings);
  state.serverOrigin = () => server.get();

  installAppProtocol(session.defaultSession, createAppRequestHandler({ distDir: config.paths.renderer, csp: () => buildCsp(server.get()) }));
  installPermissionHandlers(session.defaultSession);
  const { badge, quit, notifier } = createShell(config, state, navigation, messages);

  registerIpcHandlers(ipcMain, {
    getServerUrl: () => server.get(),
    setServerUrl: (input) => server.set(input),
    getToken: () => tokens.load(),
    setToken: (token) => tokens.save(token),
    clearToken: () => tokens.clear(),
    secureStorage: () => tokens.info(),
    notify: (request) => notifier.show(request),
    setBadge: (count) => badge.set(count),
    // The window's frame, menus and dialogs follow the console's theme.
    setTheme: (theme) => {
      nativeTheme.themeSource = theme;
    },
    // Kept for the next start: Chromium takes its language before `ready` (appLanguage.ts).
    setLanguage: (language) => {
      if (settings.get().language !== language) settings.update({ language }).catch((err: unknown) => config.log.warn({ err }, 'language not saved'));
    },
  });

  const win = createMainWindow({
    preload: config.paths.preload,
    version: app.getVersion(),
    devTools: !app.isPackaged,
    icon: icon(256),
    savedBounds: settings.get().windowBounds,
    workAreas: [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea),
    saveBounds: (windowBounds) => void settings.update({ windowBounds }).catch((err: unknown) => log.warn({ err }, 'window bounds not saved')),
    navigation,
    log,
  });
  state.window = win;
  quit.hideOnClose(win);
  win.on('closed', () => {
    state.window = null;
  });
}
