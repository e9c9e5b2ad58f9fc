import { needsReply } from '../../domain/inbox.ts';
import { Chat, type ChatDoc } from './chat.ts';

/**
 * Marks a chat as needing no reply (an agent decides the customer's last words need none):
 * `handledAt` moves forward to `now` and the stored `needsReply` flag follows in the same write;
 * if a message newer than `now` is already stored (a clock ahead, a write racing this one), the
 * flag is put back from the times the write returned. The chat after it, or null when there is no
 * such chat. One mechanism for the session's actor and for the gateway while the actor is stopped.
 */
export async function markChatHandled(sessionId: string, jid: string, now: Date): Promise<ChatDoc | null> {
  const doc = await Chat.findOneAndUpdate({ sessionId, jid }, { $max: { handledAt: now }, $set: { needsReply: false }, $unset: { waitingSince: '' } }, { returnDocument: 'after' }).lean<ChatDoc>();
  if (!doc || !needsReply(doc)) return doc;
  await Chat.updateOne({ _id: doc._id }, { $set: { needsReply: true } });
  return { ...doc, needsReply: true };
}
