/**
 * Checks applied to every IPC message before a handler sees it: the sender must be the top
 * frame of an app page (`switchboard-app://console`), and each payload must have the
 * contract's type and fit `IPC_LIMITS`. Validators return the clean value or undefined.
 */
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { DESKTOP_LANGUAGES, IPC_LIMITS, THEME_SOURCES, type DesktopLanguage, type NotifyRequest, type ThemeSource } from '../common/ipcContract.ts';
import { isAppUrl } from './appUrl.ts';

/** True when the message comes from the top frame of an app page (not a subframe, not another origin). */
export function isTrustedSender(event: Pick<IpcMainEvent | IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // the frame navigated away or was destroyed
  return frame.parent === null && isAppUrl(frame.url);
}

// Control characters (C0 and DEL): a route or a tag never has them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A string of 1..max characters, or undefined. */
export function boundedString(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

/** True for an in-app route: `/…`, not protocol-relative (`//host`), no backslash or control characters. */
export function isInAppRoute(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= IPC_LIMITS.route &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.includes('\\') &&
    !CONTROL.test(value)
  );
}

/** A token as the renderer stores it: printable, no whitespace, at most `IPC_LIMITS.token` long. */
export function validToken(value: unknown): string | undefined {
  const token = boundedString(value, IPC_LIMITS.token);
  return token && /^[\x21-\x7e]+$/.test(token) ? token : undefined;
}

/** The badge count: an integer 0..IPC_LIMITS.badge. */
export function validBadgeCount(value: unknown): number | undefined {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= IPC_LIMITS.badge ? (value as number) : undefined;
}

/** One of the theme sources (`system`, `light`, `dark`), else undefined. */
export function validTheme(value: unknown): ThemeSource | undefined {
  return (THEME_SOURCES as readonly unknown[]).includes(value) ? (value as ThemeSource) : undefined;
}

/** One of the console's languages (`es`, `en`), else undefined. */
export function validLanguage(value: unknown): DesktopLanguage | undefined {
  return (DESKTOP_LANGUAGES as readonly unknown[]).includes(value) ? (value as DesktopLanguage) : undefined;
}

/** A notification request with only the known fields, each of the right type and size. */
export function validNotifyRequest(value: unknown): NotifyRequest | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const title = boundedString(v.title, IPC_LIMITS.notifyTitle);
  const body = typeof v.body === 'string' && v.body.length <= IPC_LIMITS.notifyBody ? v.body : undefined;
  const tag = boundedString(v.tag, IPC_LIMITS.notifyTag);
  if (title === undefined || body === undefined || tag === undefined || CONTROL.test(tag)) return undefined;
  if (v.route !== undefined && !isInAppRoute(v.route)) return undefined;
  if (v.silent !== undefined && typeof v.silent !== 'boolean') return undefined;
  const replyTo = v.replyTo === undefined ? undefined : boundedString(v.replyTo, IPC_LIMITS.replyTo);
  if (v.replyTo !== undefined && (replyTo === undefined || CONTROL.test(replyTo))) return undefined;
  return {
    title,
    body,
    tag,
    ...(v.route !== undefined ? { route: v.route as string } : {}),
    ...(v.silent !== undefined ? { silent: v.silent as boolean } : {}),
    ...(replyTo !== undefined ? { replyTo } : {}),
  };
}
