import { Media, deleteMedia } from '@switchboard/shared/node';

/** Deletes a stored media file: its Media document, then its GridFS bytes. */
export async function dropMedia(mediaId: string): Promise<void> {
  const media = await Media.findByIdAndDelete(mediaId).lean();
  if (media) await deleteMedia(media.gridFsId);
}
