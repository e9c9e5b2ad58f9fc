import type { ChatView, InboxMessageView } from '@switchboard/shared';
import { Media, User, toMessageMediaView, toMessageView, type ChatDoc, type MessageDoc } from '@switchboard/shared/node';

/** A chat as the API returns it. */
export function presentChat(c: ChatDoc): ChatView {
  return {
    id: c.jid,
    sessionId: c.sessionId,
    name: c.customName || c.name || null,
    customName: c.customName || null,
    isGroup: c.isGroup,
    unreadCount: c.unreadCount,
    lastMessageAt: c.lastMessageAt ? c.lastMessageAt.getTime() : null,
    lastMessagePreview: c.lastMessagePreview ?? null,
    lastMessageSystem: c.lastMessageSystem ?? null,
    archived: c.archived,
    blocked: c.blocked === true,
    optedOut: c.optedOut ? { at: new Date(c.optedOut.at).getTime(), byCustomer: c.optedOut.by === null, word: c.optedOut.word ?? null } : null,
    profilePictureMediaId: c.profilePicture?.mediaId ? c.profilePicture.mediaId.toString() : null,
  };
}

/** A stored message in the shared MessageView shape (same presenter as the actor's Socket.IO events). */
export function presentMessage(m: MessageDoc, media?: Parameters<typeof toMessageMediaView>[0], names?: ReadonlyMap<string, string>): InboxMessageView {
  return toMessageView(m, media ? toMessageMediaView(media) : undefined, names);
}

/**
 * A page of messages with their media summaries and the names of the team members who sent
 * them: the page's Media documents and Users in one query each.
 */
export async function presentMessages(docs: readonly MessageDoc[]): Promise<InboxMessageView[]> {
  const ids = [...new Set(docs.flatMap((m) => (m.mediaId ? [m.mediaId.toString()] : [])))];
  const userIds = [...new Set(docs.flatMap((m) => (m.fromMe && m.userId ? [m.userId.toString()] : [])))];
  const [media, users] = await Promise.all([
    ids.length ? Media.find({ _id: { $in: ids } }, { mimeType: 1, fileName: 1, size: 1, width: 1, height: 1, durationMs: 1, thumbnailGridFsId: 1 }).lean() : [],
    userIds.length ? User.find({ _id: { $in: userIds } }, { name: 1 }).lean() : [],
  ]);
  const byId = new Map(media.map((d) => [d._id.toString(), d]));
  const names = new Map(users.map((u) => [u._id.toString(), u.name]));
  return docs.map((m) => presentMessage(m, m.mediaId ? byId.get(m.mediaId.toString()) : undefined, names));
}
