/**
 * Coded errors. Handlers and middleware throw these; `onerror` renders them into the single
 * envelope `{"error": {"code", "message", "details"?}}`. Anything else is masked as a 500.
 */

/** An error meant for the client: an HTTP status, a stable code and a safe message. */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly expose = true;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** 400: input failed validation; details lists the issues. */
export const validationFailed = (details: unknown, message = 'Invalid request'): AppError =>
  new AppError(400, 'validation_failed', message, details);

/** 400: a request that is well-formed but cannot be honoured. */
export const badRequest = (code: string, message: string, details?: unknown): AppError =>
  new AppError(400, code, message, details);

/** 401: no credentials, bad credentials or a revoked/expired token. */
export const unauthorized = (code = 'unauthorized', message = 'Authentication required'): AppError =>
  new AppError(401, code, message);

/** 403: authenticated but not allowed. */
export const forbidden = (code = 'forbidden', message = 'You are not allowed to do this'): AppError =>
  new AppError(403, code, message);

/** 404: the resource does not exist (or is not visible to the caller). */
export const notFound = (what = 'resource'): AppError =>
  new AppError(404, 'not_found', `The ${what} does not exist`);

/** 409: the request conflicts with the current state (duplicate, in use); details say why when useful. */
export const conflict = (code: string, message: string, details?: unknown): AppError => new AppError(409, code, message, details);

/** 413: the body is larger than the configured limit. */
export const payloadTooLarge = (): AppError =>
  new AppError(413, 'payload_too_large', 'The request body is too large');

/** 415: the body is not JSON where JSON is expected. */
export const unsupportedMediaType = (): AppError =>
  new AppError(415, 'unsupported_media_type', 'The request body must be JSON');

/** 429: a rate limit was hit; details carries the seconds to wait. */
export const tooManyRequests = (retryAfterSeconds: number): AppError =>
  new AppError(429, 'rate_limited', 'Too many requests, try again later', { retryAfterSeconds });

/** 503: a dependency (session actor, hub) cannot answer right now. */
export const unavailable = (code: string, message: string): AppError => new AppError(503, code, message);

/** True for our coded errors. */
export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
