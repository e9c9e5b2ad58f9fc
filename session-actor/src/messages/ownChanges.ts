/**
 * Editing or deleting for everyone a message we sent (the agent's `PUT` / `DELETE` on a
 * message): the change goes to WhatsApp first (Baileys' `edit` / `delete` content: a
 * MESSAGE_EDIT or REVOKE protocol message), then the stored message follows and is announced
 * again (messageChanges.ts commitChange). The gateway checks WhatsApp's time limits and the
 * kind before asking; the actor checks the message is ours, in that chat, and still there.
 * Baileys' echo of the protocol message is ignored while the change is under way here
 * (`ownChangesInFlight`), and finds the message already changed after.
 */
import { Message, messageObjectId, type MessageDoc } from '@switchboard/shared/node';
import { ActorError, notConnected } from '../errors.ts';
import { toRecipientJid } from './jid.ts';
import { commitChange, ownChangesInFlight, type ChangeDeps, type ContentChange } from './messageChanges.ts';

/** Sends the change of one of our messages to WhatsApp and applies it; resolves with when. */
export async function changeOwnMessage(chatJid: string, messageId: string, change: ContentChange, deps: ChangeDeps): Promise<{ ok: true; at: number }> {
  const sock = deps.sock();
  if (!sock) throw notConnected();
  const chatId = toRecipientJid(chatJid);
  const target = await Message.findOne({ _id: messageObjectId(deps.sessionId, messageId), chatId, fromMe: true }).lean<MessageDoc>();
  if (!target) throw new ActorError('message_not_found', 'No message of ours with that id in that chat');
  if (target.revokedAt) throw new ActorError('message_deleted', 'The message was deleted for everyone');
  const key = { remoteJid: chatId, fromMe: true, id: messageId };
  // Baileys' echo of the protocol message is left alone until the change is written here.
  ownChangesInFlight.add(messageId);
  try {
    await sock.sendMessage(chatId, change.type === 'edit' ? { text: change.text, edit: key } : { delete: key });
    const at = new Date();
    await commitChange(target, change, at, deps);
    return { ok: true, at: at.getTime() };
  } finally {
    ownChangesInFlight.delete(messageId);
  }
}
