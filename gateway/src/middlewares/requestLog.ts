import type { Context, Next } from 'koa';
import type { Logger } from 'pino';

/** One log line per request: method, route path, status, duration. Never bodies or headers. */
export function requestLog(logger: Logger) {
  const log = logger.child({ component: 'http' });
  return async function logRequest(ctx: Context, next: Next): Promise<void> {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round(performance.now() - started);
      const level = ctx.status >= 500 ? 'error' : 'debug';
      log[level]({ method: ctx.method, path: ctx.path, status: ctx.status, ms }, 'request');
    }
  };
}
