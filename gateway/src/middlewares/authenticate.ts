import type { Context, Next } from 'koa';
import koaJwt from 'koa-jwt';
import { forbidden, unauthorized } from '../errors.ts';
import { apiKeyFromHeaders } from '../auth/apiKeys.ts';
import { readClaims } from '../auth/tokens.ts';
import { loadAuthContext } from '../auth/loadAuthContext.ts';
import { loadApiKeyContext, type ApiKeyCheckDeps } from '../auth/loadApiKeyContext.ts';
import type { AuthContext } from '../auth/authContext.ts';

/** Options of the authenticate middleware. */
export interface AuthenticateOptions {
  secret: string;
  /** Let users whose password must be changed through (only the change-password and logout routes). */
  allowPendingPassword: boolean;
  /** Clock and logger for API keys (expiry, the background `lastUsedAt` write). */
  apiKeys: ApiKeyCheckDeps;
  /** False on routes only a person may call (their own account, managing keys): a key gets 403 `api_key_not_allowed`. */
  allowApiKey: boolean;
}

/** 403 for an API key on a route only a signed-in person may call. */
export const apiKeyNotAllowed = () => forbidden('api_key_not_allowed', 'API keys cannot use this route; sign in as a person');

/**
 * Puts the caller's AuthContext on `ctx.state.auth`, from an API key (`X-API-Key: sk_…` or
 * `Authorization: Bearer sk_…`; 401 `invalid_api_key`, `api_key_revoked`, `api_key_expired`,
 * `api_key_disabled`) or else from the bearer JWT (koa-jwt), rejecting revoked tokens (token
 * version mismatch) and deactivated users. JWT errors: `unauthorized`, `invalid_token`,
 * `token_expired`, `token_revoked`, `password_change_required`.
 */
export function authenticate(opts: AuthenticateOptions) {
  const verify = koaJwt({ secret: opts.secret, passthrough: true, key: 'jwt', algorithms: ['HS256'] });
  return async function authenticateRequest(ctx: Context, next: Next): Promise<void> {
    const key = apiKeyFromHeaders({ authorization: ctx.get('authorization'), apiKey: ctx.get('x-api-key') });
    if (key !== undefined) {
      const check = await loadApiKeyContext(key, opts.apiKeys);
      if (!check.ok) throw unauthorized(check.code, check.message);
      // Set before refusing, so the refusal is audited with the key.
      ctx.state.auth = check.auth satisfies AuthContext;
      if (!opts.allowApiKey) throw apiKeyNotAllowed();
      await next();
      return;
    }
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
