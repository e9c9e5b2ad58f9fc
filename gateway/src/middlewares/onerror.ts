import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { HUB_ERROR_CODES, hubErrorStatus, RPC_ERROR_CODES, RpcError } from '@switchboard/shared';
import { AppError, isAppError } from '../errors.ts';

/** The one error envelope every failing response uses. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown };
}

/** Maps errors thrown by third-party middleware (body parser, koa-jwt, http-errors) to codes. */
function fromHttpError(err: { status?: number; statusCode?: number; type?: string; expose?: boolean; message?: string }): AppError | undefined {
  const status = err.status ?? err.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (status === 413 || err.type === 'entity.too.large') return new AppError(413, 'payload_too_large', 'The request body is too large');
  if (status === 415) return new AppError(415, 'unsupported_media_type', 'Unsupported content type');
  if (status === 401) return new AppError(401, 'unauthorized', 'Authentication required');
  if (status === 404) return new AppError(404, 'not_found', 'Not found');
  if (status === 405) return new AppError(405, 'method_not_allowed', 'Method not allowed');
  if (err.type === 'entity.parse.failed' || status === 400) return new AppError(400, 'malformed_body', 'The request body could not be parsed');
  return new AppError(status, 'bad_request', 'Bad request');
}

/** The fields of a duplicate-key error: from `keyPattern`, else from the index name in its message. */
function duplicateFields(e: { keyPattern?: unknown; message?: unknown }): string[] {
  if (e.keyPattern && typeof e.keyPattern === 'object') return Object.keys(e.keyPattern);
  const index = typeof e.message === 'string' ? /index: (\S+)/.exec(e.message)?.[1] : undefined;
  // `email_1`, `sessionId_1_jid_1`: field names alternate with sort directions.
  return index ? index.split('_').filter((_, i) => i % 2 === 0) : [];
}

/**
 * Maps database errors a request can provoke to client errors, so no route has to catch them:
 * a duplicate key (E11000, e.g. two concurrent creates of one email) is a 409 `duplicate`, and a
 * value mongoose cannot cast (CastError) is a 400 `validation_failed` (schemas should catch it first).
 * Values are not echoed back: a duplicate email names the field, not the address.
 */
function fromDatabaseError(raw: unknown): AppError | undefined {
  const e = (raw ?? {}) as { code?: unknown; name?: unknown; path?: unknown; keyPattern?: unknown; message?: unknown };
  if (e.code === 11000 || e.code === 11001) {
    const fields = duplicateFields(e);
    const what = fields.length > 0 ? `this ${fields.join(' and ')}` : 'these values';
    return new AppError(409, 'duplicate', `A record with ${what} already exists`, fields.length > 0 ? { fields } : undefined);
  }
  if (e.name === 'CastError') {
    const path = typeof e.path === 'string' ? e.path : 'a field';
    return new AppError(400, 'validation_failed', `Invalid value for ${path}`, [{ path, code: 'invalid_type', message: 'The value has the wrong type or is out of range' }]);
  }
  return undefined;
}

/** Maps hub and actor errors (RpcError) to their HTTP status; 5xx messages are masked. */
function fromHubError(err: RpcError): AppError {
  const known = hubErrorStatus(err.code);
  // A coded domain error raised by an actor handler (e.g. `already_paired`) that the shared
  // table does not list is a conflict with the session's state, not a server fault.
  const status = known === 500 && err.remote && err.code !== RPC_ERROR_CODES.INTERNAL && /^[a-z_]+$/.test(err.code) ? 409 : known;
  if (status >= 500 && status !== 503 && status !== 504) return new AppError(500, 'internal_error', 'Internal server error');
  // session_moving's message is ours and readable (cluster mode); other 5xx texts are masked.
  const message = status >= 500 && err.code !== HUB_ERROR_CODES.SESSION_MOVING ? 'The session is not reachable right now, try again' : err.message;
  return new AppError(status, err.code, message);
}

/**
 * The one place that renders errors: coded errors as themselves, known HTTP errors mapped to
 * a code, everything else logged and masked as `internal_error` (no stack traces to clients).
 */
export function onerror(logger: Logger) {
  return async function renderErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError(404, 'not_found', 'No such route');
      }
    } catch (raw) {
      const err = isAppError(raw)
        ? raw
        : raw instanceof RpcError
          ? fromHubError(raw)
          : (fromDatabaseError(raw) ?? fromHttpError((raw ?? {}) as Record<string, never>));
      if (err && err.code !== 'internal_error') {
        ctx.status = err.status;
        const body: ErrorEnvelope = { error: { code: err.code, message: err.message } };
        if (err.details !== undefined) body.error.details = err.details;
        ctx.body = body;
        if (err.status === 429) {
          const d = err.details as { retryAfterSeconds?: number } | undefined;
          if (d?.retryAfterSeconds) ctx.set('Retry-After', String(d.retryAfterSeconds));
        }
        return;
      }
      logger.error({ err: raw, method: ctx.method, path: ctx.path }, 'unhandled request error');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal_error', message: 'Internal server error' } } satisfies ErrorEnvelope;
    }
  };
}
