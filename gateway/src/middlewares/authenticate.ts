import type { Context, Next } from 'koa';
import koaJwt from 'koa-jwt';
import { forbidden, unauthorized } from '../errors.ts';
import { readClaims } from '../auth/tokens.ts';
import { loadAuthContext } from '../auth/loadAuthContext.ts';
import type { AuthContext } from '../auth/authContext.ts';

/** Options of the authenticate middleware. */
export interface AuthenticateOptions {
  secret: string;
  /** Let users whose password must be changed through (only the change-password and logout routes). */
  allowPendingPassword: boolean;
}

/**
 * Verifies the bearer JWT (koa-jwt), rejects revoked tokens (token version mismatch) and
 * deactivated users, and puts the AuthContext on `ctx.state.auth`. Errors are coded:
 * `unauthorized`, `invalid_token`, `token_expired`, `token_revoked`, `password_change_required`.
 */
export function authenticate(opts: AuthenticateOptions) {
  const verify = koaJwt({ secret: opts.secret, passthrough: true, key: 'jwt', algorithms: ['HS256'] });
  return async function authenticateRequest(ctx: Context, next: Next): Promise<void> {
    if (!ctx.get('authorization')) throw unauthorized();
    delete ctx.state.jwt;
    delete ctx.state.jwtOriginalError;
    await verify(ctx as never, async () => {});
    const failure = ctx.state.jwtOriginalError as { name?: string } | undefined;
    if (failure?.name === 'TokenExpiredError') throw unauthorized('token_expired', 'The token has expired');
    const claims = failure ? undefined : readClaims(ctx.state.jwt);
    if (!claims) throw unauthorized('invalid_token', 'The token is not valid');
    const auth = await loadAuthContext(claims.sub);
    if (!auth || auth.user.tokenVersion !== claims.ver) {
      throw unauthorized('token_revoked', 'The token has been revoked');
    }
    if (auth.user.mustChangePassword && !opts.allowPendingPassword) {
      throw forbidden('password_change_required', 'You must change your password before continuing');
    }
    ctx.state.auth = auth satisfies AuthContext;
    await next();
  };
}
