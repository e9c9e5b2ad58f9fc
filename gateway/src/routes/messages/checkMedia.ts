import { Media, type MediaDoc } from '@switchboard/shared/node';
import { Types } from 'mongoose';
import type { AuthContext } from '../../auth/authContext.ts';
import { badRequest, forbidden } from '../../errors.ts';
import { allowed, subjects } from '../../policies/subjects.ts';

/** Checks a referenced media file: same session, and visible to the caller (or uploaded by them); returns it. */
export async function checkMedia(auth: AuthContext, sessionId: string, mediaId: string): Promise<MediaDoc> {
  const media = await Media.findOne({ _id: new Types.ObjectId(mediaId), sessionId }).lean<MediaDoc>();
  if (!media) throw badRequest('unknown_media', 'The media file does not exist in this session');
  const mine = media.uploadedBy?.toString() === auth.user.id;
  const visible = allowed(auth, 'read', subjects.media(media));
  if (!mine && !visible) throw forbidden();
  return media;
}

/** Gives a file uploaded for a message to the chat it goes to (assigned users can read it then). */
export async function attachToChat(sessionId: string, mediaId: string, chatId: string): Promise<void> {
  await Media.updateOne({ _id: new Types.ObjectId(mediaId), sessionId, chatId: null }, { $set: { chatId } });
}
