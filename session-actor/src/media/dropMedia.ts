import { Media, dropMediaDocument } from '@switchboard/shared/node';

/** Deletes a stored media file: its Media document, then its bytes unless a forwarded copy still uses them. */
export async function dropMedia(mediaId: string): Promise<void> {
  const media = await Media.findById(mediaId, { gridFsId: 1, thumbnailGridFsId: 1 }).lean();
  if (media) await dropMediaDocument(media);
}
