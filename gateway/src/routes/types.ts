import type { Context } from 'koa';
import type { output, ZodObject, ZodType } from 'zod';
import type { GatewayDeps } from '../deps.ts';
import type { AuthContext } from '../auth/authContext.ts';
import type { LimiterName } from '../middlewares/rateLimit.ts';
import { AppError } from '../errors.ts';
import { wasChecked, type RecordKind } from '../policies/subjects.ts';
import type { Action, Subject } from '../policies/vocabulary.ts';

/** HTTP methods the API uses. */
export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/** What the audit log records about a mutating request (filled by the handler). */
export interface AuditNote {
  /** Actor when the route is public (e.g. login); defaults to the caller. */
  userId?: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Everything a handler sees: validated input, the caller, dependencies and request metadata. */
export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Set on every route whose `auth` is not `public`. */
  auth: AuthContext | undefined;
  deps: GatewayDeps;
  ip: string;
  userAgent: string;
  /** The audit entry written after success; handlers fill in the target. */
  audit: AuditNote;
  koa: Context;
}

/**
 * A response of raw bytes: the handler sets status, headers and body itself (200, or 206 with
 * `Content-Range` when `range` is true; 304 on a matching `If-None-Match`).
 */
export interface BinaryResponse {
  /** Honours one `Range: bytes=…` request header (206 / 416). */
  range: boolean;
}

/**
 * How a route authenticates: public, any valid token, a valid token even when a password change
 * is pending, or (media byte routes) a valid token or a signed URL (`?sig&exp&u`).
 */
export type AuthMode = 'public' | 'user' | 'user-pending-password' | 'user-or-signed-url';

// `any` defaults: a table of routes holds handlers with different input types (checked by defineRoute).
/** One REST endpoint, declared once; the router, the OpenAPI document and the tests read it. */
export interface RouteDef<P = any, Q = any, B = any> {
  method: HttpMethod;
  /** Koa-style path, e.g. `/api/sessions/:sessionId`. */
  path: string;
  summary: string;
  tag: string;
  auth: AuthMode;
  /**
   * Only a signed-in person may call it (their own account, managing API keys): a request made
   * with an API key gets 403 `api_key_not_allowed`.
   */
  humanOnly?: true;
  /** Class-level permission checked before the handler (instance checks live in handlers). */
  permission?: readonly [Action, Subject];
  /**
   * The kind of record the route reads or changes. The handler must check it record by record
   * (`authorize` / `allowed` on a subject, or a `scope`d list query, from policies/subjects.ts):
   * `defineRoute` fails the request with 500 `record_unchecked` when it did not, and the
   * authorisation matrix calls every such route as a caller allowed the class but not the record.
   */
  record?: RecordKind;
  rateLimit?: LimiterName;
  params?: ZodObject<any>;
  query?: ZodObject<any>;
  body?: ZodType<B>;
  /** Accepts multipart/form-data with a `file` field: stored as media, its id put in `body.mediaId`. */
  multipart?: boolean;
  /** The handler reads a multipart/form-data body itself: a `file` field plus these text fields (name → description). */
  upload?: { fields: Record<string, string> };
  /** Audit action name; required for every mutating route. */
  audit?: string;
  /**
   * For POSTs that change nothing we keep (a typing indicator, signing media URLs): the route
   * still declares its audit name, but no entry is written, so these frequent calls do not
   * bury the audit log and the dashboard's recent activity.
   */
  unaudited?: true;
  response: { status: number; description: string; schema?: ZodType; binary?: BinaryResponse };
  handler: (ctx: RouteContext<P, Q, B>) => Promise<unknown>;
}

type Out<T> = T extends ZodType ? output<T> : undefined;

/** Identity helper that infers the handler's input types from the route's schemas. */
export function defineRoute<
  PS extends ZodObject<any> | undefined = undefined,
  QS extends ZodObject<any> | undefined = undefined,
  BS extends ZodType | undefined = undefined,
>(
  def: Omit<RouteDef, 'params' | 'query' | 'body' | 'handler'> & {
    params?: PS;
    query?: QS;
    body?: BS;
    handler: (ctx: RouteContext<Out<PS>, Out<QS>, Out<BS>>) => Promise<unknown>;
  },
): RouteDef {
  const { record } = def;
  if (!record) return def as RouteDef;
  const handler = def.handler;
  return {
    ...def,
    async handler(rc) {
      const out = await handler(rc);
      // A class-level permission is true for a rule limited to one record: answering without
      // a record-level check would serve every record. Fail closed and loudly (tests see it).
      if (!wasChecked(rc.auth, record)) throw new AppError(500, 'record_unchecked', 'The server did not check access to this record');
      return out;
    },
  } as RouteDef;
}
