import type { Types } from 'mongoose';
import { Media, type MediaDoc } from '../models/media.ts';
import { deleteMedia } from './gridfs.ts';

/**
 * Deletes a Media document, then its bytes (file and thumbnail) unless another Media document
 * still uses them: a forwarded copy shares its original's bytes (POST …/messages/:id/forward),
 * so a customer deleting the original for everyone leaves the copies whole.
 */
export async function dropMediaDocument(doc: Pick<MediaDoc, '_id' | 'gridFsId' | 'thumbnailGridFsId'>): Promise<void> {
  await Media.deleteOne({ _id: doc._id });
  if (await Media.exists({ gridFsId: doc.gridFsId })) return;
  await deleteMedia(doc.gridFsId);
  if (doc.thumbnailGridFsId) await deleteMedia(doc.thumbnailGridFsId);
}

/** `dropMediaDocument` by id (nothing when it is already gone). */
export async function dropMediaById(mediaId: string | Types.ObjectId): Promise<void> {
  const media = await Media.findById(mediaId, { gridFsId: 1, thumbnailGridFsId: 1 }).lean();
  if (media) await dropMediaDocument(media);
}
