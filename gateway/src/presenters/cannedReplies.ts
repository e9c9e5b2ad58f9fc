import type { CannedReplyView } from '@switchboard/shared';
import type { CannedReplyDoc } from '@switchboard/shared/node';

/** A canned reply as the API returns it. */
export function presentCannedReply(c: CannedReplyDoc): CannedReplyView {
  return {
    id: c._id.toString(),
    shortcut: c.shortcut,
    text: c.text,
    shared: c.ownerId === null || c.ownerId === undefined,
    ownerId: c.ownerId ? c.ownerId.toString() : null,
    file: c.file ? { fileName: c.file.fileName, mimeType: c.file.mimeType, size: c.file.size } : null,
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
  };
}
