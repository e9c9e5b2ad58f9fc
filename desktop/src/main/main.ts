/**
 * Entry point of the Electron main process (bundled to dist/electron/main.js by
 * build/buildElectron.ts). Reads its configuration once and starts the app.
 *   SWITCHBOARD_ALLOW_INSECURE_TOKEN_STORAGE=1  store the token even without a secure key store (Linux basic_text)
 *   SWITCHBOARD_SERVER_URL=<url>                development only: the gateway to use (`pnpm desktop:dev`)
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktopApp } from './desktopApp.ts';
import { createMainLogger } from './log.ts';
import { appPaths } from './paths.ts';

const log = createMainLogger();
process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection in main'));

startDesktopApp({
  paths: appPaths(dirname(fileURLToPath(import.meta.url))),
  argv: process.argv,
  allowInsecureTokenStorage: process.env.SWITCHBOARD_ALLOW_INSECURE_TOKEN_STORAGE === '1',
  serverUrlOverride: process.env.SWITCHBOARD_SERVER_URL?.trim() || null,
  log,
});
