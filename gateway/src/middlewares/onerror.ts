import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { hubErrorStatus, RPC_ERROR_CODES, RpcError } from '@switchboard/shared';
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

/** Maps hub and actor errors (RpcError) to their HTTP status; 5xx messages are masked. */
function fromHubError(err: RpcError): AppError {
  const known = hubErrorStatus(err.code);
  // A coded domain error raised by an actor handler (e.g. `already_paired`) that the shared
  // table does not list is a conflict with the session's state, not a server fault.
  const status = known === 500 && err.remote && err.code !== RPC_ERROR_CODES.INTERNAL && /^[a-z_]+$/.test(err.code) ? 409 : known;
  if (status >= 500 && status !== 503 && status !== 504) return new AppError(500, 'internal_error', 'Internal server error');
  const message = status >= 500 ? 'The session is not reachable right now, try again' : err.message;
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
      const err = isAppError(raw) ? raw : raw instanceof RpcError ? fromHubError(raw) : fromHttpError((raw ?? {}) as Record<string, never>);
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
