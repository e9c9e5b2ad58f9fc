/**
 * `switchboard://` deep links, turned into in-app routes by an allow-list:
 *   switchboard://inbox[/<sessionId>[/<chatJid>]]  → /inbox[/<sessionId>[/<chatJid, URI-encoded>]]
 *   switchboard://sessions[/<sessionId>]           → /sessions[/<sessionId>]
 *   switchboard://reset-password?token=<token>     → /reset-password?token=<token>
 * Anything else (other actions, extra segments, credentials, ports, unknown query
 * parameters, malformed ids) is ignored: a link is a hint for navigation, never a command.
 * The reset token is single-use and short-lived, so carrying it in a URL is acceptable.
 * Pure functions.
 */
import { normalizeRecipient } from '@switchboard/shared';
import { DEEP_LINK_SCHEME } from '../common/ipcContract.ts';

const MAX_LINK_LENGTH = 2048;
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;
const RESET_TOKEN = /^[A-Za-z0-9_-]{16,256}$/;

/** True for a chat id as stored: a normalised WhatsApp JID (`<digits>@s.whatsapp.net`, `…@lid`, `…@g.us`). */
export function isChatJid(value: string): boolean {
  return value.includes('@') && value.length <= 128 && normalizeRecipient(value) === value;
}

/** Percent-decoded path segments (one trailing slash tolerated), or null when empty or undecodable ones appear. */
function segmentsOf(pathname: string): string[] | null {
  const path = pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (path === '') return [];
  const raw = path.split('/').slice(1);
  if (!path.startsWith('/') || raw.some((s) => s === '')) return null;
  try {
    return raw.map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

function inboxRoute(segments: string[], url: URL): string | null {
  if (url.search || segments.length > 2) return null;
  const [sessionId, chatId] = segments;
  if (sessionId === undefined) return '/inbox';
  if (!SESSION_ID.test(sessionId)) return null;
  if (chatId === undefined) return `/inbox/${sessionId}`;
  return isChatJid(chatId) ? `/inbox/${sessionId}/${encodeURIComponent(chatId)}` : null;
}

function sessionsRoute(segments: string[], url: URL): string | null {
  if (url.search || segments.length > 1) return null;
  const [sessionId] = segments;
  if (sessionId === undefined) return '/sessions';
  return SESSION_ID.test(sessionId) ? `/sessions/${sessionId}` : null;
}

function resetPasswordRoute(segments: string[], url: URL): string | null {
  const keys = [...url.searchParams.keys()];
  const token = url.searchParams.get('token');
  if (segments.length > 0 || keys.length !== 1 || keys[0] !== 'token' || !token || !RESET_TOKEN.test(token)) return null;
  return `/reset-password?token=${token}`;
}

const ACTIONS: Record<string, (segments: string[], url: URL) => string | null> = {
  inbox: inboxRoute,
  sessions: sessionsRoute,
  'reset-password': resetPasswordRoute,
};

/** The in-app route a deep link asks for, or null when the link is not on the allow-list. */
export function parseDeepLink(link: unknown): string | null {
  if (typeof link !== 'string' || link.length > MAX_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.username || url.password || url.port || url.hash) return null;
  const action = Object.hasOwn(ACTIONS, url.hostname) ? ACTIONS[url.hostname] : undefined;
  const segments = segmentsOf(url.pathname);
  if (!action || !segments) return null;
  return action(segments, url);
}

/** The route of the first deep link among command-line arguments (Windows and Linux pass links in argv). */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  const prefix = `${DEEP_LINK_SCHEME}://`;
  const link = argv.find((arg) => typeof arg === 'string' && arg.toLowerCase().startsWith(prefix));
  return link === undefined ? null : parseDeepLink(link);
}
