/**
 * Where the bundled app finds its parts. The layout is the same in development
 * (desktop/dist) and inside the packaged app.asar:
 *   electron/main.js  electron/preload.cjs  renderer/index.html  package.json
 */
import { join } from 'node:path';

/** Absolute paths main needs. */
export interface AppPaths {
  /** The sandboxed preload bundle. */
  preload: string;
  /** The renderer build served on the app scheme. */
  renderer: string;
}

/** The paths relative to the folder holding main.js (`dist/electron`). */
export function appPaths(bundleDir: string): AppPaths {
  return { preload: join(bundleDir, 'preload.cjs'), renderer: join(bundleDir, '..', 'renderer') };
}
