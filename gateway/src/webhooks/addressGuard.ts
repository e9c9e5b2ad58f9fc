/**
 * The SSRF guard of webhooks: which IP addresses a webhook may reach. Only public unicast
 * addresses pass; loopback, private, link-local (cloud metadata), unique-local, multicast,
 * reserved and documentation ranges are refused, also when written as IPv4-mapped or NAT64
 * IPv6 addresses. Checked when a webhook is saved and again on every connection (a DNS
 * `lookup` hook), so a name that later resolves to 127.0.0.1 (DNS rebinding) is still refused.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';

/** [first address, prefix length] of each refused IPv4 range. */
const V4_BLOCKED: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

/** [first address, prefix length] of each refused IPv6 range (embedded IPv4 is checked separately). */
const V6_BLOCKED: readonly [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

function v4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** The 128-bit value of an IPv6 address (`::`, a trailing dotted quad and a `%zone` allowed). */
function v6ToBigInt(input: string): bigint {
  let ip = input.split('%')[0]!;
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (quad) {
    const v = v4ToBigInt(quad[1]!);
    ip = `${ip.slice(0, -quad[1]!.length)}${(v >> 16n).toString(16)}:${(v & 0xffffn).toString(16)}`;
  }
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

const inRange = (value: bigint, bits: number, base: bigint, prefix: number) => value >> BigInt(bits - prefix) === base >> BigInt(bits - prefix);
const V4 = V4_BLOCKED.map(([a, p]) => [v4ToBigInt(a), p] as const);
const V6 = V6_BLOCKED.map(([a, p]) => [v6ToBigInt(a), p] as const);

/** The IPv4 address an IPv6 address carries (mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`, NAT64, 6to4), if any. */
function embeddedV4(v: bigint): bigint | null {
  const top96 = v >> 32n;
  if (top96 === 0xffffn || (top96 === 0n && v > 1n)) return v & 0xffffffffn; // ::ffff:0:0/96, ::/96
  if (top96 === v6ToBigInt('64:ff9b::') >> 32n) return v & 0xffffffffn; // NAT64 64:ff9b::/96
  if (v >> 112n === 0x2002n) return (v >> 80n) & 0xffffffffn; // 6to4 2002::/16
  return null;
}

/**
 * True when `ip` (an IPv4 or IPv6 literal) is a public unicast address a webhook may reach;
 * false for the refused ranges and for anything that is not an IP address.
 */
export function isPublicAddress(ip: string): boolean {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const family = isIP(bare.split('%')[0]!);
  if (family === 4) {
    const v = v4ToBigInt(bare);
    return !V4.some(([base, p]) => inRange(v, 32, base, p));
  }
  if (family !== 6) return false;
  const v = v6ToBigInt(bare);
  const v4 = embeddedV4(v);
  if (v4 !== null) return !V4.some(([base, p]) => inRange(v4, 32, base, p));
  return !V6.some(([base, p]) => inRange(v, 128, base, p));
}

/** Error code of a connection the guard refused. */
export const ADDRESS_FORBIDDEN = 'webhook_address_forbidden';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that resolves the name and fails with ADDRESS_FORBIDDEN when
 * any of its addresses is not public (unless `allowPrivate`): the connection goes to an
 * address checked here, so a second, different DNS answer cannot slip past the check.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => !isPublicAddress(a.address));
      if (bad || list.length === 0) {
        const refused = Object.assign(new Error(`${hostname} resolves to a non-public address`), { code: ADDRESS_FORBIDDEN }) as NodeJS.ErrnoException;
        return callback(refused, []);
      }
      if (options.all) return callback(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Resolves a host name to all its addresses (the check of a URL when a webhook is saved). */
export function resolveAll(hostname: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses.map((a) => a.address))));
  });
}
