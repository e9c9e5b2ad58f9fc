import { Chat, Message, messageObjectId, type MessageDoc } from '@switchboard/shared/node';
import { conflict, notFound } from '../../errors.ts';
import { authorize, subjects } from '../../policies/subjects.ts';

/** The `_id` of a chat of a session, or 404 `not_found` (after the caller was authorised). */
export async function loadChat(sessionId: string, jid: string) {
  const chat = await Chat.findOne({ sessionId, jid }, { _id: 1 }).lean();
  if (!chat) throw notFound('chat');
  return chat;
}

/**
 * A message of a chat the caller may read (`projection` picks its fields; `chatId` is always
 * read): 404 `not_found` for none (once the caller may read the session), 403 when they may not
 * read its chat.
 */
export async function loadReadableMessage<T extends Pick<MessageDoc, 'chatId'> = MessageDoc>(
  auth: Parameters<typeof authorize>[0],
  sessionId: string,
  messageId: string,
  projection?: Record<string, 0 | 1>,
): Promise<T> {
  const msg = await Message.findById(messageObjectId(sessionId, messageId), projection).lean<T>();
  if (!msg) {
    authorize(auth, 'read', subjects.session(sessionId));
    throw notFound('message');
  }
  authorize(auth, 'read', subjects.message(sessionId, msg.chatId));
  return msg;
}

/**
 * One of our own messages, for a caller who may answer in its chat (who may answer a chat may
 * act on what was answered in it): 404 `not_found` for none (once the caller may read the
 * session), 403 when they may not write to its chat, 409 `not_outgoing` (`why`) for a
 * customer's message.
 */
export async function loadOwnMessage(auth: Parameters<typeof authorize>[0], sessionId: string, messageId: string, why: string): Promise<MessageDoc> {
  const msg = await Message.findById(messageObjectId(sessionId, messageId)).lean<MessageDoc>();
  if (!msg) {
    authorize(auth, 'read', subjects.session(sessionId));
    throw notFound('message');
  }
  authorize(auth, 'send', subjects.message(sessionId, msg.chatId));
  if (!msg.fromMe) throw conflict('not_outgoing', why);
  return msg;
}
