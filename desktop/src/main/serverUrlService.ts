/**
 * The server URL of this installation: remembered in the settings file, validated and probed
 * before it is stored, and announced to the rest of main when it changes (the CSP follows it,
 * the stored token is dropped since it belongs to the previous server, the page reloads).
 * from: renderer setup screen → `sb:server-url:set` → here → next: settingsStore, csp.
 */
import type { SetServerUrlResult } from '../common/ipcContract.ts';
import type { Messages } from './messages.ts';
import { normalizeServerUrl, probeServer, type ProbeOptions } from './serverUrl.ts';
import type { SettingsStore } from './settingsStore.ts';

/** Dependencies of the service. */
export interface ServerUrlServiceOptions {
  settings: SettingsStore;
  messages: Messages;
  /** Check that a gateway answers before storing (off in tests that do not fetch). */
  probe: boolean;
  probeOptions?: ProbeOptions;
  /** A development override (`SWITCHBOARD_SERVER_URL` in unpackaged runs): used, never stored. */
  override?: string | null;
  /** Called after a different origin was stored. */
  onChange?: (origin: string, previous: string | null) => void | Promise<void>;
}

/** Reads and changes the server URL. */
export interface ServerUrlService {
  /** The configured origin, or null until the first-start setup is done. */
  get(): string | null;
  set(input: string): Promise<SetServerUrlResult>;
}

/** Creates the service over the settings store. */
export function createServerUrlService(opts: ServerUrlServiceOptions): ServerUrlService {
  const override = opts.override ? normalizeServerUrl(opts.override) : null;
  const stored = (): string | null => {
    const saved = normalizeServerUrl(opts.settings.get().serverUrl);
    return saved.ok ? saved.url : null;
  };
  let overrideActive = override?.ok === true;
  const get = (): string | null => (overrideActive && override?.ok ? override.url : stored());
  return {
    get,
    async set(input) {
      const normalized = normalizeServerUrl(input);
      if (!normalized.ok) return { ok: false, code: 'invalid_url', message: opts.messages.invalidUrl };
      if (opts.probe && !(await probeServer(normalized.url, opts.probeOptions))) {
        return { ok: false, code: 'unreachable', message: opts.messages.unreachable(normalized.url) };
      }
      const previous = get();
      await opts.settings.update({ serverUrl: normalized.url });
      overrideActive = false; // a choice made in the app wins over the development override
      if (previous !== normalized.url) await opts.onChange?.(normalized.url, previous);
      return { ok: true, url: normalized.url };
    },
  };
}
