import { Chat } from '@switchboard/shared/node';
import { notFound } from '../../errors.ts';

/** The `_id` of a chat of a session, or 404 `not_found` (after the caller was authorised). */
export async function loadChat(sessionId: string, jid: string) {
  const chat = await Chat.findOne({ sessionId, jid }, { _id: 1 }).lean();
  if (!chat) throw notFound('chat');
  return chat;
}
