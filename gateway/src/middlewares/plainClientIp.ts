import type { Middleware } from 'koa';

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, as Node reports IPv4 clients on a dual-stack socket) as plain IPv4. */
export function plainAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1]! : ip;
}

/**
 * Reports each client by one address: rate limits, sign-in lockouts, the audit log and the
 * metrics allow-list see `10.0.0.1`, never also `::ffff:10.0.0.1`.
 */
export function plainClientIp(): Middleware {
  return (ctx, next) => {
    ctx.request.ip = plainAddress(ctx.request.ip);
    return next();
  };
}
