import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a signed media URL works (at least; see `mediaUrlExpiry`). */
export const MEDIA_URL_TTL_MS = 60 * 60 * 1000;

/** Expiries are rounded up to this step so a page signing the same ids again gets the same URLs (browser cache hits). */
const EXPIRY_STEP_MS = 10 * 60 * 1000;

/** Label that makes the media-URL key distinct from every other use of the JWT secret. */
const KEY_LABEL = 'switchboard/media-url/v1';

/** What a media URL signature covers. */
export interface MediaUrlClaims {
  fileId: string;
  userId: string;
  /** The user's tokenVersion when signing: logout, password and role changes void the URL. */
  tokenVersion: number;
  /** Expiry, seconds since epoch. */
  exp: number;
}

/** Signs and checks media URLs with HMAC-SHA256 under a key derived from the JWT secret. */
export interface MediaSigner {
  sign(claims: MediaUrlClaims): string;
  /** Constant-time check of `sig` against the claims (expiry is the caller's to check). */
  verify(claims: MediaUrlClaims, sig: string): boolean;
}

/** A signer whose key is HMAC-SHA256(jwtSecret, "switchboard/media-url/v1"). */
export function createMediaSigner(jwtSecret: string): MediaSigner {
  const key = createHmac('sha256', jwtSecret).update(KEY_LABEL).digest();
  const mac = (c: MediaUrlClaims): Buffer => createHmac('sha256', key).update(`${c.fileId}\n${c.userId}\n${c.tokenVersion}\n${c.exp}`).digest();
  return {
    sign: (claims) => mac(claims).toString('base64url'),
    verify(claims, sig) {
      // Compare the text, not decoded bytes: the last base64url character carries two unused bits,
      // so decoding would accept four spellings of one signature.
      const given = Buffer.from(sig, 'utf8');
      const wanted = Buffer.from(mac(claims).toString('base64url'), 'utf8');
      return given.length === wanted.length && timingSafeEqual(given, wanted);
    },
  };
}

/** Expiry (seconds since epoch) of URLs signed at `now`: at least MEDIA_URL_TTL_MS ahead, rounded up to 10 minutes. */
export function mediaUrlExpiry(now: Date): number {
  const at = Math.ceil((now.getTime() + MEDIA_URL_TTL_MS) / EXPIRY_STEP_MS) * EXPIRY_STEP_MS;
  return at / 1000;
}

/** `/api/media/:id?sig&exp&u`: the same query also works on `…/download` and `…/thumbnail`. */
export function signedMediaPath(signer: MediaSigner, claims: MediaUrlClaims): string {
  const q = new URLSearchParams({ sig: signer.sign(claims), exp: String(claims.exp), u: claims.userId });
  return `/api/media/${encodeURIComponent(claims.fileId)}?${q.toString()}`;
}
