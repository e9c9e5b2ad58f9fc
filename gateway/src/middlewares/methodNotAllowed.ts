import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { AppError } from '../errors.ts';

/** The methods something serves at a path (empty when it serves nothing there). */
export type AllowedMethods = (path: string) => readonly string[];

/** The methods a router's routes answer at `path` (GET routes answer HEAD too). */
export function routerMethods(router: Router): AllowedMethods {
  return (path) => router.match(path, 'GET').path.flatMap((layer) => layer.methods);
}

/**
 * Answers a method that a known path does not support with 405 `method_not_allowed`, an `Allow`
 * header (RFC 9110 §15.5.6) and the error envelope, before the body is read; Koa and the router
 * would answer 501 (TRACE) or a plain-text 405. This covers TRACE, PATCH and OPTIONS that is not
 * a CORS preflight (mount it after the CORS middleware, which answers preflights). Paths nothing
 * serves fall through to the usual 404.
 */
export function methodNotAllowed(sources: readonly AllowedMethods[]): Middleware {
  return async (ctx, next) => {
    const allowed = new Set(sources.flatMap((methods) => methods(ctx.path)));
    if (allowed.size === 0 || allowed.has(ctx.method)) return next();
    const list = [...allowed].sort();
    ctx.set('Allow', list.join(', '));
    throw new AppError(405, 'method_not_allowed', `${ctx.method} is not allowed here (allowed: ${list.join(', ')})`, { allow: list });
  };
}
