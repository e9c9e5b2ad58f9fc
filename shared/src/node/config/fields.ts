import { existsSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';

/** A whole number within [min, max], read from a string. */
export function int(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d+$/, { error: `must be a whole number between ${min} and ${max}` })
    .transform(Number)
    .pipe(z.number().min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` }));
}

/** A TCP port. */
export function port() {
  return int(1, 65535);
}

/** true/false (also 1/0, yes/no, on/off). */
export function bool() {
  return z
    .string()
    .toLowerCase()
    .refine((v) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(v), {
      error: 'must be true or false',
    })
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
}

/** One of a fixed set of words. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

/** An absolute http(s) URL. */
export function httpUrl() {
  return z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
}

/** A MongoDB connection string. */
export function mongoUri() {
  return z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/, { error: 'must start with mongodb:// or mongodb+srv://' });
}

/** A redis:// or rediss:// URL (cluster mode). */
export function redisUrl() {
  return z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' });
}

/** A node name: letters, digits, dot, dash, underscore (cluster mode's NODE_ID). */
export function nodeId() {
  return z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'must be 1 to 64 letters, digits, dots, dashes or underscores' });
}

/** A ws:// or wss:// URL. */
export function wsUrl() {
  return z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// URL' });
}

/** A cron expression with 5 or 6 fields (node-schedule syntax). */
export function cron() {
  return z.string().refine(
    (v) => {
      const parts = v.trim().split(/\s+/);
      return (parts.length === 5 || parts.length === 6) && parts.every((p) => /^[\d*/,\-A-Za-z?LW#]+$/.test(p));
    },
    { error: 'must be a cron expression with 5 or 6 fields, e.g. */5 * * * *' },
  );
}

/** Hex-encoded bytes. */
export function hex() {
  return z.string().regex(/^(?:[0-9a-fA-F]{2})+$/, { error: 'must be hex-encoded bytes' });
}

/** A path to an existing file. */
export function existingFile() {
  return z.string().refine((p) => existsSync(p), { error: 'must be the path of an existing file' });
}

/** The path of an existing folder. */
export function existingDir() {
  return z.string().refine((p) => existsSync(p) && statSync(p).isDirectory(), { error: 'must be the path of an existing folder' });
}

/** A duration for jsonwebtoken: seconds, or a number with ms/s/m/h/d. */
export function duration() {
  return z.string().regex(/^\d+(ms|s|m|h|d)?$/, { error: 'must be a duration such as 12h, 30m or 3600' });
}

/** A comma-separated list of strings (empty entries dropped). */
export function list() {
  return z.string().transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** A secret of at least `min` characters. */
export function secret(min: number) {
  return z.string().min(min, { error: `must be at least ${min} characters long` });
}

/** True for an IPv4 or IPv6 address, optionally with a /prefix (a bare address is a /32 or /128). */
export function isCidr(v: string): boolean {
  const [addr, prefix, extra] = v.split('/');
  const family = isIP(addr ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** A comma-separated list of CIDRs (or single addresses), e.g. `10.0.0.0/8, ::1`. */
export function cidrList() {
  return list().refine((v) => v.every(isCidr), { error: 'must be comma-separated IP addresses or CIDRs such as 10.0.0.0/8' });
}

/** A comma-separated list of email addresses. */
export function emailList() {
  return list().pipe(z.array(z.email({ error: 'must be comma-separated email addresses' })));
}
