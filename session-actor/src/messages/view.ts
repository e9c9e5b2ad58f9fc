import type { MessageView } from '@switchboard/shared';
import type { MessageDoc } from '@switchboard/shared/node';

type StoredMessage = Omit<MessageDoc, '_id' | 'createdAt' | 'updatedAt' | 'attempts'> & Partial<Pick<MessageDoc, 'attempts'>>;

/** Presents a stored message as the events' MessageView (nulls dropped, ids as strings). */
export function toView(doc: StoredMessage): MessageView {
  const view: MessageView = {
    id: doc.messageId,
    sessionId: doc.sessionId,
    chatId: doc.chatId,
    fromMe: doc.fromMe,
    kind: doc.kind,
    status: doc.status,
    timestamp: new Date(doc.timestamp).getTime(),
  };
  if (doc.sender) view.sender = doc.sender;
  if (doc.pushName) view.pushName = doc.pushName;
  if (doc.text) view.text = doc.text;
  if (doc.caption) view.caption = doc.caption;
  if (doc.mediaId) view.mediaId = String(doc.mediaId);
  if (doc.quotedId) view.quotedId = doc.quotedId;
  if (doc.reaction) view.reaction = { emoji: doc.reaction.emoji, targetId: doc.reaction.targetId };
  if (doc.location) {
    const { latitude, longitude, name, address } = doc.location;
    view.location = { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) };
  }
  if (doc.clientId) view.clientId = doc.clientId;
  return view;
}

/** A short chat-list preview of a message (a body: never logged). */
export function previewOf(m: { kind: string; text?: string | null; caption?: string | null }): string {
  const body = m.kind === 'contact' ? m.caption : (m.text ?? m.caption);
  if (body) return body.length > 120 ? `${body.slice(0, 117)}...` : body;
  return `[${m.kind}]`;
}
