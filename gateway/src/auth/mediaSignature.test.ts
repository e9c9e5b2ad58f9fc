import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMediaSigner, MEDIA_URL_TTL_MS, mediaUrlExpiry, signedMediaPath } from './mediaSignature.ts';

const claims = { fileId: '665f1c2b9d3e4a0012345678', userId: '665f1c2b9d3e4a00123456aa', tokenVersion: 3, exp: 1_900_000_000 };
const signer = createMediaSigner('a-jwt-secret-of-at-least-thirty-two-chars');

describe('media URL signatures', () => {
  it('verifies what it signed, and nothing with any claim changed', () => {
    const sig = signer.sign(claims);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signer.verify(claims, sig)).toBe(true);
    expect(signer.verify({ ...claims, fileId: '665f1c2b9d3e4a0012345679' }, sig)).toBe(false);
    expect(signer.verify({ ...claims, userId: '665f1c2b9d3e4a00123456ab' }, sig)).toBe(false);
    expect(signer.verify({ ...claims, tokenVersion: 4 }, sig)).toBe(false);
    expect(signer.verify({ ...claims, exp: claims.exp + 1 }, sig)).toBe(false);
  });

  it('rejects tampered, truncated and foreign signatures', () => {
    const sig = signer.sign(claims);
    const flipped = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
    expect(signer.verify(claims, flipped)).toBe(false);
    expect(signer.verify(claims, sig.slice(0, 20))).toBe(false);
    for (const c of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_') {
      if (c !== sig[42]) expect(signer.verify(claims, `${sig.slice(0, 42)}${c}`)).toBe(false); // incl. those differing only in unused bits
    }
    expect(signer.verify(claims, '')).toBe(false);
    expect(createMediaSigner('another-secret-of-at-least-thirty-two-ch').verify(claims, sig)).toBe(false);
  });

  it('does not sign with the JWT secret itself (a key of its own, derived with a label)', () => {
    const raw = createHmac('sha256', 'a-jwt-secret-of-at-least-thirty-two-chars')
      .update(`${claims.fileId}\n${claims.userId}\n${claims.tokenVersion}\n${claims.exp}`)
      .digest('base64url');
    expect(signer.sign(claims)).not.toBe(raw);
  });

  it('expires about an hour ahead, on a 10-minute step so repeated signing gives the same URL', () => {
    const now = new Date('2026-03-01T10:03:20Z');
    const exp = mediaUrlExpiry(now);
    expect(exp * 1000 - now.getTime()).toBeGreaterThanOrEqual(MEDIA_URL_TTL_MS);
    expect(exp * 1000 - now.getTime()).toBeLessThan(MEDIA_URL_TTL_MS + 10 * 60 * 1000);
    expect(mediaUrlExpiry(new Date('2026-03-01T10:09:59Z'))).toBe(exp);
    expect(new Date(exp * 1000).toISOString()).toBe('2026-03-01T11:10:00.000Z');
  });

  it('builds /api/media/:id with sig, exp and u', () => {
    const url = new URL(signedMediaPath(signer, claims), 'http://x');
    expect(url.pathname).toBe(`/api/media/${claims.fileId}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ sig: signer.sign(claims), exp: String(claims.exp), u: claims.userId });
  });
});
