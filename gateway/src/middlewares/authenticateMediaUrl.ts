import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { loadAuthContext } from '../auth/loadAuthContext.ts';
import { createMediaSigner } from '../auth/mediaSignature.ts';
import { forbidden, unauthorized } from '../errors.ts';
import { authenticate } from './authenticate.ts';

/** Options of authenticateMediaUrl. */
export interface MediaUrlAuthOptions {
  secret: string;
  now: () => Date;
  logger: Logger;
}

const invalid = () => unauthorized('invalid_signature', 'The media link is not valid');

/**
 * Authenticates a media byte route by bearer token or, for <img>/<video>/<audio> that cannot
 * send headers, by a signed URL (`?sig&exp&u`, from POST /api/media/sign). A signature is
 * checked against the user's current auth context: an inactive user, a changed tokenVersion
 * (logout, password or role change) or an expired link answer 401. The route then applies the
 * same media permission check as with a token, so access lost since signing is lost at once.
 */
export function authenticateMediaUrl(opts: MediaUrlAuthOptions) {
  const bearer = authenticate({ secret: opts.secret, allowPendingPassword: false, apiKeys: { now: opts.now, logger: opts.logger }, allowApiKey: true });
  const signer = createMediaSigner(opts.secret);
  return async function authenticateSignedMedia(ctx: Context, next: Next): Promise<void> {
    const { sig, exp, u } = ctx.query;
    if (ctx.get('authorization') || ctx.get('x-api-key') || sig === undefined) return bearer(ctx, next);
    if (typeof sig !== 'string' || typeof exp !== 'string' || typeof u !== 'string' || !/^\d{1,12}$/.test(exp)) throw invalid();
    const auth = await loadAuthContext(u);
    if (!auth) throw invalid();
    const claims = { fileId: String(ctx.params.fileId ?? ''), userId: u, tokenVersion: auth.user.tokenVersion, exp: Number(exp) };
    if (!signer.verify(claims, sig)) throw invalid();
    if (claims.exp * 1000 <= opts.now().getTime()) throw unauthorized('signature_expired', 'The media link has expired');
    if (auth.user.mustChangePassword) throw forbidden('password_change_required', 'You must change your password before continuing');
    ctx.state.auth = auth;
    await next();
  };
}
