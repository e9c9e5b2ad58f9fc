import jwt from 'jsonwebtoken';

/** What a Switchboard JWT carries: user id, role id and the user's token version. */
export interface TokenClaims {
  sub: string;
  role: string;
  ver: number;
}

/** Settings for signing tokens (read once from configuration). */
export interface TokenSettings {
  secret: string;
  /** A jsonwebtoken duration: seconds or a string like `12h`. */
  expiresIn: string | number;
}

/** Signs a token for the user; revoked by bumping `User.tokenVersion`. */
export function signToken(settings: TokenSettings, claims: TokenClaims): string {
  return jwt.sign({ role: claims.role, ver: claims.ver }, settings.secret, {
    subject: claims.sub,
    expiresIn: settings.expiresIn as jwt.SignOptions['expiresIn'] & {},
    algorithm: 'HS256',
  });
}

/** Narrows a decoded payload to our claims, or undefined when it does not have their shape. */
export function readClaims(decoded: unknown): TokenClaims | undefined {
  if (!decoded || typeof decoded !== 'object') return undefined;
  const d = decoded as Record<string, unknown>;
  if (typeof d.sub !== 'string' || typeof d.role !== 'string' || typeof d.ver !== 'number') return undefined;
  return { sub: d.sub, role: d.role, ver: d.ver };
}
