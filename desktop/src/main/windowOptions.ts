/**
 * The main window's construction options: the security switches of the Electron checklist
 * in one pure function, so a test pins every one of them.
 */
import type { BrowserWindowConstructorOptions, NativeImage, Rectangle } from 'electron';

/** Smallest usable window (the inbox needs a list and a conversation side by side). */
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;
/** Size of a first window. */
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;

/** Inputs of `mainWindowOptions`. */
export interface MainWindowOptionsInput {
  /** Absolute path of the bundled preload (dist/electron/preload.cjs). */
  preload: string;
  /** Restored bounds (already clamped to a visible display), or a size to centre. */
  bounds: Partial<Rectangle> & { width: number; height: number };
  /** App version handed to the preload (sandboxed preloads cannot read package.json). */
  version: string;
  /** Developer tools: on in development, off in packaged builds. */
  devTools: boolean;
  icon?: NativeImage;
}

/** BrowserWindow options with context isolation, the sandbox, web security and no Node in the page. */
export function mainWindowOptions(input: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Switchboard',
    backgroundColor: '#ffffff',
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: input.devTools,
      additionalArguments: [`--switchboard-version=${input.version}`],
    },
  };
}
