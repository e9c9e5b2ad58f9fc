/**
 * The gateway address chosen at first start. `normalizeServerUrl` accepts what people type
 * (`switchboard.example.com`, `http://10.0.0.5:3000/`) and returns a bare origin, refusing
 * other schemes, credentials, paths, queries and fragments; `probeServer` checks that a
 * Switchboard gateway answers there (its OpenAPI document).
 */
import { IPC_LIMITS } from '../common/ipcContract.ts';

/** Outcome of normalisation. */
export type NormalizedServerUrl = { ok: true; url: string } | { ok: false };

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The origin `input` names (`https://host[:port]`), or `{ok:false}` when it is not a plain http(s) server address. */
export function normalizeServerUrl(input: unknown): NormalizedServerUrl {
  if (typeof input !== 'string') return { ok: false };
  const trimmed = input.trim();
  if (trimmed === '' || trimmed.length > IPC_LIMITS.serverUrl || /\s/.test(trimmed)) return { ok: false };
  // No scheme typed: assume https (`localhost:3000` would otherwise parse as scheme "localhost:").
  const withScheme = HAS_SCHEME.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false };
  if (url.username || url.password || !url.hostname) return { ok: false };
  if (url.pathname !== '/' || url.search || url.hash || withScheme.endsWith('?') || withScheme.endsWith('#')) return { ok: false };
  return { ok: true, url: url.origin };
}

/** Options of `probeServer`. */
export interface ProbeOptions {
  /** The HTTP client (Electron's `net.fetch` in the app: it honours the system proxy). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  timeoutMs?: number;
}

/** True when `<origin>/api/openapi.json` answers 2xx within the timeout (redirects are not followed). */
export async function probeServer(origin: string, opts: ProbeOptions = {}): Promise<boolean> {
  const doFetch = opts.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  try {
    const res = await doFetch(`${origin}/api/openapi.json`, {
      method: 'GET',
      redirect: 'manual',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
    });
    await res.body?.cancel().catch(() => undefined);
    return res.ok;
  } catch {
    return false;
  }
}
