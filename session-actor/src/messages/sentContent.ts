import { proto, type WAMessageKey } from '@whiskeysockets/baileys';
import { Message, messageObjectId } from '@switchboard/shared/node';

/**
 * Encodes the content Baileys sent (`sendMessage(...).message`) for `Message.sentProto`: the
 * exact proto, media keys and direct paths included, media bytes not (they stay on WhatsApp's
 * media servers, where the recipient downloads them from).
 */
export function encodeSentContent(message: proto.IMessage): Buffer {
  return Buffer.from(proto.Message.encode(message).finish());
}

/** The driver returns stored bytes as a BSON Binary, whose `buffer` holds exactly the bytes. */
export function asBytes(raw: Uint8Array | { buffer: Uint8Array }): Uint8Array {
  return raw instanceof Uint8Array ? raw : raw.buffer;
}

/** The content WhatsApp acked for one of our messages (`Message.sentProto`); undefined when there is none or it cannot be read. */
export function decodeSent(sentProto: Uint8Array | { buffer: Uint8Array } | null | undefined): proto.IMessage | undefined {
  if (!sentProto) return undefined;
  try {
    return proto.Message.decode(asBytes(sentProto));
  } catch {
    // Unreadable bytes (a hand-edited document): no worse off than a record without them.
    return undefined;
  }
}

/**
 * Answers Baileys' `getMessage` for a retry receipt: the content of a message this session sent.
 * Baileys keeps recent sends in memory only (per socket), so after a restart a contact that could
 * not decrypt a send (and asks for a retry) would otherwise never read it (issue 14).
 *
 * from: Baileys `sendMessagesAgain` (a retry receipt) → here → next: Baileys re-encrypts the
 * content for the device that asked.
 */
export async function findSentContent(sessionId: string, key: WAMessageKey): Promise<proto.IMessage | undefined> {
  if (!key.id) return undefined;
  const doc = await Message.findOne({ _id: messageObjectId(sessionId, key.id), fromMe: true }, { kind: 1, text: 1, sentProto: 1 }).lean();
  if (!doc) return undefined;
  const sent = decodeSent(doc.sentProto);
  if (sent) return sent;
  // Recorded before `sentProto` existed: only a text can be rebuilt (media would need the
  // keys of the original upload, which were not kept).
  if (doc.kind !== 'text' || !doc.text) return undefined;
  return { conversation: doc.text };
}
