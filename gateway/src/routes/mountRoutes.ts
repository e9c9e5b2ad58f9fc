import type { Context, Next } from 'koa';
import Router from '@koa/router';
import { AuditLog, Session } from '@switchboard/shared/node';
import { subject } from '@casl/ability';
import { recipientJid } from '@switchboard/shared';
import { discardMedia, readUpload, storeBuffer } from './media/mediaStore.ts';
import type { GatewayDeps } from '../deps.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { authenticate } from '../middlewares/authenticate.ts';
import { authenticateMediaUrl } from '../middlewares/authenticateMediaUrl.ts';
import { consume } from '../middlewares/rateLimit.ts';
import { parseInput } from '../middlewares/validate.ts';
import type { AuthContext } from '../auth/authContext.ts';
import type { AuditNote, RouteContext, RouteDef } from './types.ts';

type Middleware = (ctx: Context, next: Next) => Promise<void>;

/** Writes the audit entry of a successful mutating request; failures are logged, not thrown. */
async function writeAudit(deps: GatewayDeps, def: RouteDef, rc: RouteContext<unknown, unknown, unknown>, note: AuditNote & { userId?: string }): Promise<void> {
  if (def.unaudited) return;
  try {
    await AuditLog.create({
      userId: note.userId ?? rc.auth?.user.id ?? null,
      action: def.audit,
      targetType: note.targetType ?? null,
      targetId: note.targetId ?? null,
      details: note.details ?? null,
      ip: rc.ip,
      userAgent: rc.userAgent.slice(0, 500),
      at: deps.now(),
    });
  } catch (err) {
    deps.logger.error({ err, action: def.audit }, 'audit write failed');
  }
}

/**
 * For multipart sends: reads the `file` field (after authentication), authorises the send to
 * the form's `to` before anything is stored, stores the file with that chat (so users assigned
 * to it can read it back) and hands the other fields plus `mediaId` to validation as the body.
 * When the rest of the request fails, the stored file is deleted again: no orphan media.
 */
function multipartUpload(deps: GatewayDeps): Middleware {
  return async (ctx, next) => {
    if (!ctx.is('multipart/form-data')) return next();
    if (!deps.upload) throw new AppError(415, 'multipart_unavailable', 'File uploads are not enabled on this server');
    const auth = ctx.state.auth as AuthContext;
    if (!auth.ability.can('create', 'Media')) throw forbidden();
    const sessionId = String(ctx.params.sessionId ?? '');
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(sessionId) || !(await Session.exists({ sessionId }))) throw notFound('session');
    const file = await readUpload(ctx, deps.upload.limits);
    const fields = { ...((ctx.request as { body?: Record<string, unknown> }).body ?? {}) };
    const chatId = recipientJid(typeof fields.to === 'string' ? fields.to : '');
    if (!auth.ability.can('send', subject('Message', { sessionId, chatId }))) throw forbidden();
    const media = await storeBuffer(deps.upload.pool, file.buffer, file.mimetype, { sessionId, chatId, userId: auth.user.id, fileName: file.originalname });
    (ctx.request as { body?: unknown }).body = { ...fields, mediaId: media._id.toString() };
    try {
      await next();
    } catch (err) {
      await discardMedia(media).catch((e: unknown) => deps.logger.error({ err: e }, 'discarding an unsent upload failed'));
      throw err;
    }
  };
}

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
  if (def.auth === 'user-or-signed-url') out.push(authenticateMediaUrl({ secret: deps.config.jwtSecret, now: deps.now }));
  else if (def.auth !== 'public') {
    out.push(authenticate({ secret: deps.config.jwtSecret, allowPendingPassword: def.auth === 'user-pending-password' }));
  }
  if (def.multipart) out.push(multipartUpload(deps));
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
