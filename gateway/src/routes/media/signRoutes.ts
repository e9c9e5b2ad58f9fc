import { Media } from '@switchboard/shared/node';
import type { SignedMediaUrls } from '@switchboard/shared';
import { createMediaSigner, mediaUrlExpiry, signedMediaPath } from '../../auth/mediaSignature.ts';
import { markChecked } from '../../policies/subjects.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { canReadMedia } from './mediaAccess.ts';
import { signBody, signResponse } from './schema.ts';

/**
 * Signing media URLs for the browser's <img>, <video> and <audio>, which cannot send the
 * Authorization header: one signed URL per id the caller may read (same check as the byte routes).
 */
export const mediaSignRoutes: RouteDef[] = [
  defineRoute({
    method: 'post', path: '/api/media/sign', tag: 'Media', summary: 'Signed URLs for media files (no Authorization header needed, ~1 h)', auth: 'user', permission: ['read', 'Media'],
    record: 'Media', body: signBody, audit: 'media.sign', unaudited: true,
    response: { status: 200, description: 'URLs of the ids the caller may read', schema: signResponse },
    async handler({ deps, auth, body }): Promise<SignedMediaUrls> {
      const { user } = auth!;
      const docs = await Media.find({ _id: { $in: [...new Set(body.ids)] } }).lean();
      // Only unknown ids: nothing is signed, so nothing went unchecked.
      if (docs.length === 0) markChecked(auth, 'Media');
      const signer = createMediaSigner(deps.config.jwtSecret);
      const exp = mediaUrlExpiry(deps.now());
      const urls: Record<string, string> = {};
      for (const doc of docs) {
        if (!canReadMedia(auth!, doc)) continue;
        const fileId = doc._id.toString();
        urls[fileId] = signedMediaPath(signer, { fileId, userId: user.id, tokenVersion: user.tokenVersion, exp });
      }
      return { urls, expiresAt: exp * 1000 };
    },
  }),
];
