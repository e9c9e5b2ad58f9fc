/**
 * Whether a webhook URL may be saved: http(s) only, no credentials in it, and (unless private
 * addresses are allowed) a host that is, or resolves to, public addresses only. A name that
 * does not resolve yet is accepted: every delivery checks the addresses again (guardedLookup).
 */
import { isIP } from 'node:net';
import { isPublicAddress, resolveAll } from './addressGuard.ts';

/** Resolves a host name to its addresses (injected by tests). */
export type Resolver = (hostname: string) => Promise<string[]>;

/** The reason a webhook URL is refused, or null when it may be saved. */
export async function webhookUrlRefusal(raw: string, allowPrivate: boolean, resolve: Resolver = resolveAll): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Only http and https URLs are allowed';
  if (url.username || url.password) return 'Credentials in the URL are not allowed (verify the signature instead)';
  if (allowPrivate) return null;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const privateHost = `${url.hostname} is a loopback, private or reserved address; set WEBHOOK_ALLOW_PRIVATE=true to allow it`;
  if (isIP(host)) return isPublicAddress(host) ? null : privateHost;
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return privateHost;
  const addresses = await resolve(name).catch(() => [] as string[]);
  const bad = addresses.find((a) => !isPublicAddress(a));
  return bad ? `${url.hostname} resolves to ${bad}, a loopback, private or reserved address; set WEBHOOK_ALLOW_PRIVATE=true to allow it` : null;
}
