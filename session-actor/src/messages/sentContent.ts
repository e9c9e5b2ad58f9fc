import type { proto, WAMessageKey } from '@whiskeysockets/baileys';
import { Message, messageObjectId } from '@switchboard/shared/node';

/**
 * Answers Baileys' `getMessage` for a retry receipt: the content of a message this session sent,
 * rebuilt from the stored record. Baileys keeps recent sends in memory only, so after a restart
 * a contact that could not decrypt a send (and asks for a retry) would otherwise never get it.
 * Text only: media would need a fresh upload, which the outbox does not do for a retry.
 */
export async function findSentContent(sessionId: string, key: WAMessageKey): Promise<proto.IMessage | undefined> {
  if (!key.id) return undefined;
  const doc = await Message.findOne({ _id: messageObjectId(sessionId, key.id), fromMe: true }, { kind: 1, text: 1 }).lean();
  if (!doc || doc.kind !== 'text' || !doc.text) return undefined;
  return { conversation: doc.text };
}
