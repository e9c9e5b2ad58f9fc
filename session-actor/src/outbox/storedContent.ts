import { Media, Message, messageObjectId, openMediaStream, readMedia } from '@switchboard/shared/node';
import type { Types } from 'mongoose';
import type { Logger } from 'pino';
import { ActorError } from '../errors.ts';
import type { MediaSummaries } from '../media/mediaSummaries.ts';
import type { BuildDeps } from './buildContent.ts';

/** Larger stored thumbnails are not sent as a preview (WhatsApp's own are a few KB). */
const MAX_PREVIEW_BYTES = 64 * 1024;

/**
 * The stored thumbnail of an image or video, to send as its preview; null when there is none,
 * it is too big for a preview, or it cannot be read (the send goes on without one).
 */
async function mediaPreview(media: { _id: unknown; mimeType: string; thumbnailGridFsId?: Types.ObjectId | null }, logger: Logger): Promise<Buffer | null> {
  if (!media.thumbnailGridFsId || !/^(image|video)\//.test(media.mimeType)) return null;
  try {
    const bytes = await readMedia(media.thumbnailGridFsId);
    return bytes.length <= MAX_PREVIEW_BYTES ? bytes : null;
  } catch (err) {
    logger.warn({ err, mediaId: String(media._id) }, 'media preview not read, sending without it');
    return null;
  }
}

/**
 * What `buildContent` reads for a session's sends, from the database: a quoted message, and a
 * media file with its preview (remembered in `media` for `message-sent`).
 */
export function storedContentDeps({ sessionId, media, logger }: { sessionId: string; media: MediaSummaries; logger: Logger }): BuildDeps {
  return {
    findMessage: (messageId) => Message.findById(messageObjectId(sessionId, messageId), { chatId: 1, fromMe: 1, sender: 1, text: 1, caption: 1 }).lean(),
    openMedia: async (mediaId) => {
      // A read error is not "not found": it propagates and is judged by classifySendError.
      const doc = await Media.findOne({ _id: mediaId }).lean();
      if (!doc) throw new ActorError('media_not_found', `Media ${mediaId} not found`);
      media.remember(doc);
      const jpegThumbnail = await mediaPreview(doc, logger);
      return {
        stream: openMediaStream(doc.gridFsId),
        mimeType: doc.mimeType,
        ...(doc.fileName ? { fileName: doc.fileName } : {}),
        ...(jpegThumbnail ? { jpegThumbnail } : {}),
      };
    },
  };
}
