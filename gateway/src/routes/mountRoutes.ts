import type { Context, Next } from 'koa';
import Router from '@koa/router';
import { multipartSend } from './media/multipartSend.ts';
import type { GatewayDeps } from '../deps.ts';
import { forbidden } from '../errors.ts';
import { writeAudit } from '../middlewares/audit.ts';
import { authenticate } from '../middlewares/authenticate.ts';
import { authenticateMediaUrl } from '../middlewares/authenticateMediaUrl.ts';
import { consume } from '../middlewares/rateLimit.ts';
import { parseInput } from '../middlewares/validate.ts';
import type { AuthContext } from '../auth/authContext.ts';
import type { RouteContext, RouteDef } from './types.ts';

type Middleware = (ctx: Context, next: Next) => Promise<void>;

/** rate-limit → authenticate → validate → authorize → handler → presenter (+ audit). */
function chain(deps: GatewayDeps, def: RouteDef): Middleware[] {
  const out: Middleware[] = [];
  if (def.rateLimit) {
    const name = def.rateLimit;
    out.push(async (ctx, next) => {
      await consume(deps.limiters, name, ctx.ip);
      await next();
    });
  }
  if (def.auth === 'user-or-signed-url') out.push(authenticateMediaUrl({ secret: deps.config.jwtSecret, now: deps.now, logger: deps.logger }));
  else if (def.auth !== 'public') {
    out.push(
      authenticate({
        secret: deps.config.jwtSecret,
        allowPendingPassword: def.auth === 'user-pending-password',
        apiKeys: { now: deps.now, logger: deps.logger },
        allowApiKey: !def.humanOnly,
      }),
    );
  }
  if (def.multipart) out.push(multipartSend(deps));
  out.push(async (ctx) => {
    const rc: RouteContext<unknown, unknown, unknown> = {
      params: def.params ? parseInput(def.params, ctx.params, 'params') : {},
      query: def.query ? parseInput(def.query, { ...ctx.query }, 'query') : {},
      body: def.body ? parseInput(def.body, (ctx.request as { body?: unknown }).body ?? {}, 'body') : undefined,
      auth: ctx.state.auth as AuthContext | undefined,
      deps,
      ip: ctx.ip,
      userAgent: ctx.get('user-agent'),
      audit: {},
      koa: ctx,
    };
    if (def.permission && !rc.auth?.ability.can(def.permission[0], def.permission[1])) throw forbidden();
    const result = await def.handler(rc);
    if (def.response.binary) {
      // The handler streamed the bytes and set the status (200/206/304) itself.
      if (def.audit) await writeAudit(deps, def, rc, rc.audit);
      return;
    }
    ctx.status = def.response.status;
    if (result !== undefined && def.response.status !== 204) ctx.body = result;
    if (def.audit) await writeAudit(deps, def, rc, rc.audit);
  });
  return out;
}

/** Builds a router holding every route of the table. */
export function mountRoutes(deps: GatewayDeps, routes: readonly RouteDef[]): Router {
  const router = new Router();
  for (const def of routes) {
    router[def.method](def.path, ...chain(deps, def));
  }
  return router;
}
