/**
 * Makes Switchboard the OS handler of `switchboard://` links and routes the links it receives:
 * `open-url` on macOS (registered before `ready`, as links can arrive with the launch) and
 * the command line on Windows and Linux (the first launch here; later launches through
 * `second-instance`, see singleInstance.ts).
 */
import { resolve } from 'node:path';
import type { App } from 'electron';
import { DEEP_LINK_SCHEME } from '../common/ipcContract.ts';
import { deepLinkFromArgv, parseDeepLink } from './deepLinks.ts';

/** Inputs of `registerDeepLinks`. */
export interface DeepLinkRegistration {
  app: Pick<App, 'setAsDefaultProtocolClient' | 'on'>;
  argv: readonly string[];
  /** True when running as `electron <app dir>` (development): the OS must launch electron with the app path. */
  defaultApp: boolean;
  execPath: string;
  /** Deliver a route (queued until the renderer is ready). */
  navigate: (route: string) => void;
}

/** Registers the protocol client and the link sources; delivers a link from the launch arguments. */
export function registerDeepLinks(opts: DeepLinkRegistration): void {
  const appPath = opts.argv[1];
  if (opts.defaultApp && appPath) opts.app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, opts.execPath, [resolve(appPath)]);
  else opts.app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

  opts.app.on('open-url', (event, url) => {
    event.preventDefault();
    const route = parseDeepLink(url);
    if (route) opts.navigate(route);
  });
  const initial = deepLinkFromArgv(opts.argv);
  if (initial) opts.navigate(initial);
}
