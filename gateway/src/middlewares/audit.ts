import type { Context, Next } from 'koa';
import { AuditLog } from '@switchboard/shared/node';
import type { AuthContext } from '../auth/authContext.ts';
import type { GatewayDeps } from '../deps.ts';
import { AppError, isAppError } from '../errors.ts';
import type { AuditNote, RouteContext, RouteDef } from '../routes/types.ts';

/** One audit entry as written (never passwords, tokens or message bodies in `details`). */
export interface AuditEntry {
  /** The actor; null when nobody signed in did it (a failed login, a forgot-password request). */
  userId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
  ip: string;
  userAgent: string;
}

/** Attempts at writing one entry before the request fails (a transient database error gets a second chance). */
const ATTEMPTS = 2;

/**
 * Writes one audit entry, or throws 500 `audit_failed`: an action whose entry cannot be written
 * must not pass as done, so the caller sees the failure instead of an unaudited success.
 */
export async function recordAudit(deps: Pick<GatewayDeps, 'logger' | 'now'>, entry: AuditEntry): Promise<void> {
  const doc = { ...entry, userAgent: entry.userAgent.slice(0, 500), at: deps.now() };
  let last: unknown;
  for (let i = 0; i < ATTEMPTS; i++) {
    try {
      await AuditLog.create(doc);
      return;
    } catch (err) {
      last = err;
    }
  }
  // The entry goes to the log in full, so the action is on record somewhere even now.
  deps.logger.error({ err: last, audit: doc }, 'audit write failed');
  throw new AppError(500, 'audit_failed', 'The action could not be recorded in the audit log; check the result and try again');
}

/** Details with `apiKeyId` added when the caller used an API key (the key's id, never the key). */
export function withApiKey(details: Record<string, unknown> | null, auth: AuthContext | undefined): Record<string, unknown> | null {
  if (!auth?.apiKey) return details;
  return { ...details, apiKeyId: auth.apiKey.id };
}

/**
 * The audit entry of a successful mutating route (after the handler, before the answer is
 * sent): the route's action, the caller (or `note.userId` on public routes; a key's creator,
 * with `details.apiKeyId`, for API-key requests), the target the handler named. A failed write fails the request (500 `audit_failed`), see `recordAudit`.
 */
export async function writeAudit(deps: GatewayDeps, def: RouteDef, rc: RouteContext<unknown, unknown, unknown>, note: AuditNote): Promise<void> {
  if (def.unaudited || !def.audit) return;
  await recordAudit(deps, {
    userId: note.userId ?? rc.auth?.user.id ?? null,
    action: def.audit,
    targetType: note.targetType ?? null,
    targetId: note.targetId ?? null,
    details: withApiKey(note.details ?? null, rc.auth),
    ip: rc.ip,
    userAgent: rc.userAgent,
  });
}

/**
 * Records every refused request (403) as `auth.forbidden`: who, method, path and the error
 * code. A pending password change is a state, not a refusal, and is not recorded. The refusal
 * stands even when its entry cannot be written (that failure is logged).
 */
export function auditRefusals(deps: Pick<GatewayDeps, 'logger' | 'now'>) {
  return async function auditForbidden(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (err) {
      if (isAppError(err) && err.status === 403 && err.code !== 'password_change_required') {
        const auth = ctx.state.auth as AuthContext | undefined;
        await recordAudit(deps, {
          userId: auth?.user.id ?? null,
          action: 'auth.forbidden',
          targetType: null,
          targetId: null,
          details: withApiKey({ method: ctx.method, path: ctx.path.slice(0, 500), code: err.code }, auth),
          ip: ctx.ip,
          userAgent: ctx.get('user-agent'),
        }).catch(() => undefined);
      }
      throw err;
    }
  };
}
