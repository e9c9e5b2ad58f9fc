import type { ChatView, InboxMessageView } from '@switchboard/shared';
import { Media, toMessageMediaView, toMessageView, type ChatDoc, type MessageDoc } from '@switchboard/shared/node';

/** A chat as the API returns it. */
export function presentChat(c: ChatDoc): ChatView {
  return {
    id: c.jid,
    sessionId: c.sessionId,
    name: c.name ?? null,
    isGroup: c.isGroup,
    unreadCount: c.unreadCount,
    lastMessageAt: c.lastMessageAt ? c.lastMessageAt.getTime() : null,
    lastMessagePreview: c.lastMessagePreview ?? null,
    archived: c.archived,
    profilePictureMediaId: c.profilePicture?.mediaId ? c.profilePicture.mediaId.toString() : null,
  };
}

/** A stored message in the shared MessageView shape (same presenter as the actor's Socket.IO events). */
export function presentMessage(m: MessageDoc, media?: Parameters<typeof toMessageMediaView>[0]): InboxMessageView {
  return toMessageView(m, media ? toMessageMediaView(media) : undefined);
}

/** A page of messages with their media summaries: the page's Media documents in one query. */
export async function presentMessages(docs: readonly MessageDoc[]): Promise<InboxMessageView[]> {
  const ids = [...new Set(docs.flatMap((m) => (m.mediaId ? [m.mediaId.toString()] : [])))];
  const media = ids.length ? await Media.find({ _id: { $in: ids } }, { mimeType: 1, fileName: 1, size: 1, width: 1, height: 1, durationMs: 1, thumbnailGridFsId: 1 }).lean() : [];
  const byId = new Map(media.map((d) => [d._id.toString(), d]));
  return docs.map((m) => presentMessage(m, m.mediaId ? byId.get(m.mediaId.toString()) : undefined));
}
