/**
 * Who may scrape GET /metrics: a bearer token (METRICS_TOKEN, compared in constant time) and/or
 * an IP allow-list (METRICS_ALLOW). Secure by default: with neither configured the endpoint is
 * off. When both are configured a scrape needs both. Pure apart from node:crypto / node:net.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { MetricsAccess } from '../config.ts';
import { plainAddress } from '../middlewares/plainClientIp.ts';

/** What to answer a scrape: serve it, 404 (metrics off), 403 (address not allowed), 401 (token missing or wrong). */
export type ScrapeVerdict = 'allowed' | 'disabled' | 'forbidden' | 'unauthorized';

/** True when scraping is configured at all. */
export function metricsEnabled(access: MetricsAccess | undefined): access is MetricsAccess {
  return !!access && (!!access.token || access.allow.length > 0);
}

/** A BlockList holding the allowed addresses and subnets (entries were validated by the config schema). */
function allowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [addr, prefix] = entry.split('/') as [string, string | undefined];
    const type = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(prefix), type);
  }
  return list;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Builds the check of one configuration, once. The token is hashed before the comparison so
 * `timingSafeEqual` compares equal lengths and the time taken says nothing about the token.
 */
export function scrapeGuard(access: MetricsAccess | undefined): (ip: string, authorization: string | undefined) => ScrapeVerdict {
  if (!metricsEnabled(access)) return () => 'disabled';
  const allowed = access.allow.length > 0 ? allowList(access.allow) : null;
  const expected = access.token ? digest(access.token) : null;
  return (ip, authorization) => {
    if (allowed) {
      const addr = plainAddress(ip);
      const family = isIP(addr);
      if (family === 0 || !allowed.check(addr, family === 6 ? 'ipv6' : 'ipv4')) return 'forbidden';
    }
    if (expected) {
      const given = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
      if (!given || !timingSafeEqual(digest(given), expected)) return 'unauthorized';
    }
    return 'allowed';
  };
}
