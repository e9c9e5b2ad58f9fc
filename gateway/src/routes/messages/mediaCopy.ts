import { Media, type MediaDoc } from '@switchboard/shared/node';

/**
 * A Media document for `chatId` over `original`'s bytes, so that chat's people may read it: a
 * forwarded file, or the file of a message to several conversations, is stored once. The bytes
 * stay while any document uses them (dropMediaDocument).
 */
export async function copyMediaTo(original: MediaDoc, chatId: string, userId: string): Promise<MediaDoc> {
  return (await copyMediaToEach(original, [chatId], userId))[0]!;
}

/** `copyMediaTo` for several chats in one write, in their order. */
export async function copyMediaToEach(original: MediaDoc, chatIds: readonly string[], userId: string): Promise<MediaDoc[]> {
  const { sessionId, kind, mimeType, size, sha256, width, height, durationMs, fileName, gridFsId, thumbnailGridFsId } = original;
  const copies = await Media.insertMany(chatIds.map((chatId) => ({ sessionId, chatId, kind, mimeType, size, sha256, width, height, durationMs, fileName, gridFsId, thumbnailGridFsId, direction: 'out', uploadedBy: userId })));
  return copies.map((c) => c.toObject() as MediaDoc);
}
