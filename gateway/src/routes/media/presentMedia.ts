import type { MediaDoc } from '@switchboard/shared/node';

/** Media metadata as the API returns it (`/api/media/:id/info`, lists, uploads). */
export interface MediaInfo {
  id: string;
  sessionId: string;
  chatId: string | null;
  messageId: string | null;
  kind: string;
  mimeType: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  fileName: string | null;
  direction: 'in' | 'out';
  url: string;
  downloadUrl: string;
  thumbnailUrl: string | null;
  createdAt: string;
}

/** Presents a Media document. */
export function presentMedia(doc: MediaDoc): MediaInfo {
  const id = doc._id.toString();
  return {
    id,
    sessionId: doc.sessionId,
    chatId: doc.chatId ?? null,
    messageId: doc.messageId ?? null,
    kind: doc.kind,
    mimeType: doc.mimeType,
    size: doc.size,
    sha256: doc.sha256,
    width: doc.width ?? null,
    height: doc.height ?? null,
    durationMs: doc.durationMs ?? null,
    fileName: doc.fileName ?? null,
    direction: doc.direction,
    url: `/api/media/${id}`,
    downloadUrl: `/api/media/${id}/download`,
    thumbnailUrl: doc.thumbnailGridFsId ? `/api/media/${id}/thumbnail` : null,
    createdAt: new Date(doc.createdAt).toISOString(),
  };
}
