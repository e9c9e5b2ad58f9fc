import type { MessageView } from '@switchboard/shared';
import type { ChatDoc, MessageDoc } from '@switchboard/shared/node';

/** A chat as the API returns it. */
export function presentChat(c: ChatDoc) {
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

/** A stored message in the shared MessageView shape (same as Socket.IO events). */
export function presentMessage(m: MessageDoc): MessageView {
  const v: MessageView = {
    id: m.messageId,
    sessionId: m.sessionId,
    chatId: m.chatId,
    fromMe: m.fromMe,
    kind: m.kind,
    status: m.status,
    timestamp: m.timestamp.getTime(),
  };
  if (m.sender) v.sender = m.sender;
  if (m.pushName) v.pushName = m.pushName;
  if (m.text != null) v.text = m.text;
  if (m.caption != null) v.caption = m.caption;
  if (m.mediaId) v.mediaId = m.mediaId.toString();
  if (m.quotedId) v.quotedId = m.quotedId;
  if (m.reaction) v.reaction = { emoji: m.reaction.emoji, targetId: m.reaction.targetId };
  if (m.location) {
    v.location = { latitude: m.location.latitude, longitude: m.location.longitude };
    if (m.location.name) v.location.name = m.location.name;
    if (m.location.address) v.location.address = m.location.address;
  }
  if (m.clientId) v.clientId = m.clientId;
  return v;
}
