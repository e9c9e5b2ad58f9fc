/**
 * Start-up of the desktop shell, in the order Electron requires: before `ready` the language
 * (appLanguage.ts), the sandbox,
 * the privileged scheme, the single-instance lock, deep-link sources and app-wide guards;
 * after `ready` the services, the IPC handlers and the window (appReady.ts).
 * from: main.ts (config read once) → here → next: appReady.ts.
 */
import { app, shell, type BrowserWindow } from 'electron';
import { applySavedLanguage } from './appLanguage.ts';
import { registerAppScheme } from './appProtocol.ts';
import { openSettingsStore, settingsFile } from './settingsStore.ts';
import { startServices } from './appReady.ts';
import { registerDeepLinks } from './deepLinkRegistration.ts';
import type { MainLogger } from './log.ts';
import { hardenWebContents } from './navigationGuards.ts';
import { createNavigationQueue } from './navigationQueue.ts';
import type { AppPaths } from './paths.ts';
import { claimSingleInstance, revealWindow } from './singleInstance.ts';

/** The AppUserModelID (Windows notifications and taskbar grouping) and the installers' appId. */
export const APP_ID = 'io.switchboard.desktop';

/** Configuration read once by main.ts. */
export interface DesktopAppConfig {
  paths: AppPaths;
  argv: string[];
  /** SWITCHBOARD_ALLOW_INSECURE_TOKEN_STORAGE=1. */
  allowInsecureTokenStorage: boolean;
  /** SWITCHBOARD_SERVER_URL, honoured in unpackaged (development) runs only. */
  serverUrlOverride: string | null;
  log: MainLogger;
}

/** Mutable state shared by the start-up phases. */
export interface AppState {
  window: BrowserWindow | null;
  serverOrigin: () => string | null;
}

/** Starts the app; returns false when another instance is running (this one then quits). */
export function startDesktopApp(config: DesktopAppConfig): boolean {
  // Development runs keep their own profile (settings, token, single-instance lock).
  if (!app.isPackaged) app.setPath('userData', `${app.getPath('userData')}-dev`);
  // Read once: the language is needed before ready, the rest by the services after.
  const settings = openSettingsStore(settingsFile(app.getPath('userData')));
  applySavedLanguage(app, settings.get());
  app.enableSandbox();
  registerAppScheme();

  const state: AppState = { window: null, serverOrigin: () => null };
  const navigation = createNavigationQueue();
  const showWindow = (): void => revealWindow(state.window);
  const navigate = (route: string): void => {
    navigation.push(route);
    showWindow();
  };
  if (!claimSingleInstance(app, { showWindow, navigate })) return false;

  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  registerDeepLinks({ app, argv: config.argv, defaultApp: process.defaultApp === true, execPath: process.execPath, navigate });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { serverOrigin: () => state.serverOrigin(), openExternal: (url) => shell.openExternal(url) });
  });
  app.on('activate', showWindow); // macOS: a dock click brings the hidden window back
  app.on('window-all-closed', () => {
    // Windows only close when quitting (closing hides them): finish the quit everywhere.
    app.quit();
  });

  app
    .whenReady()
    .then(() => startServices(config, state, navigation, settings))
    .catch((err: unknown) => {
      config.log.error({ err }, 'desktop start-up failed');
      app.exit(1);
    });
  return true;
}
