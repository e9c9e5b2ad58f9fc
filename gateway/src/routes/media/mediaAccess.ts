import { Media, type MediaDoc } from '@switchboard/shared/node';
import { Types } from 'mongoose';
import type { AuthContext } from '../../auth/authContext.ts';
import { AppError, notFound } from '../../errors.ts';
import { allowed, authorize, subjects } from '../../policies/subjects.ts';

/** Parses a media id from the URL: 400 `invalid_media_id` when it is not an ObjectId. */
export function parseMediaId(raw: string): Types.ObjectId {
  if (!/^[0-9a-fA-F]{24}$/.test(raw)) throw new AppError(400, 'invalid_media_id', 'The media id is not valid');
  return new Types.ObjectId(raw);
}

/**
 * True when the caller may read the file: by ability, or because they uploaded it. The ability
 * is always asked (and the check noted for `defineRoute`), uploader or not. A signed-URL request
 * carries the signer's auth context (authenticateMediaUrl), so the same check applies to it.
 */
export function canReadMedia(auth: AuthContext, doc: MediaDoc): boolean {
  const visible = allowed(auth, 'read', subjects.media(doc));
  return visible || doc.uploadedBy?.toString() === auth.user.id;
}

/**
 * Loads a Media document the caller may `action`. Media the caller may not read answers 404
 * (as if it did not exist); media it may read but not delete answers 403. Uploaders may read
 * their own uploads (a file sent before its chat was known has no chatId).
 */
export async function loadMediaFor(auth: AuthContext, rawId: string, action: 'read' | 'delete' = 'read'): Promise<MediaDoc> {
  const doc = await Media.findById(parseMediaId(rawId)).lean();
  if (!doc || !canReadMedia(auth, doc)) throw notFound('media file');
  if (action !== 'read') authorize(auth, action, subjects.media(doc));
  return doc;
}
