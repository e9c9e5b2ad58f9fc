/**
 * Fresh targets for the inbox rows of the authorisation matrix (inboxMatrix.ts): a chat
 * document, messages, files, canned replies, labels, notes, scheduled replies and messages to
 * several conversations, each made anew per call so one caller's success never changes another's.
 */
import { randomBytes } from 'node:crypto';
import { CANNED_MEDIA_SESSION, CannedReply, Chat, ChatNote, Label, Media, Message, putMedia, ScheduledMessage } from '@switchboard/shared/node';
import { Types } from 'mongoose';
import type { MatrixState } from './matrixFixtures.ts';

/** A short random suffix (fresh names per call). */
export const uniq = (): string => randomBytes(4).toString('hex');

/** Makes sure the assigned chat has a Chat document (actions on a chat need one). */
export async function ensureChat(s: MatrixState): Promise<void> {
  await Chat.updateOne({ sessionId: s.linked, jid: s.chat }, { $setOnInsert: { isGroup: false } }, { upsert: true });
}

/** A fresh failed outgoing message to the assigned chat. */
export async function failedMessage(s: MatrixState): Promise<string> {
  const messageId = `3EB0MX${uniq().toUpperCase()}`;
  await Message.create({ sessionId: s.linked, chatId: s.chat, messageId, fromMe: true, kind: 'text', text: 'retry me', status: 'failed', statusReason: '479', timestamp: new Date(), clientId: `mx-${messageId}` });
  return messageId;
}

/** A fresh sent text of ours in the assigned chat (one an agent may still edit or delete). */
export async function sentMessage(s: MatrixState): Promise<string> {
  const messageId = `3EB0MS${uniq().toUpperCase()}`;
  await Message.create({ sessionId: s.linked, chatId: s.chat, messageId, fromMe: true, kind: 'text', text: 'corrígeme', status: 'sent', timestamp: new Date() });
  return messageId;
}

/** A fresh media file of the assigned chat. */
export async function chatFile(s: MatrixState): Promise<string> {
  const blob = await putMedia(Buffer.from(`signed-${uniq()}`), { contentType: 'text/plain' });
  const doc = await Media.create({ sessionId: s.linked, chatId: s.chat, kind: 'document', mimeType: 'text/plain', size: blob.size, sha256: blob.sha256, gridFsId: blob.id, direction: 'in' });
  return doc._id.toString();
}

/** A fresh shared canned reply (only supervisors and admins may change shared ones), with a file when asked. */
export async function sharedReply(withFile = false): Promise<string> {
  let file = null;
  if (withFile) {
    const blob = await putMedia(Buffer.from(`tarifas-${uniq()}`), { contentType: 'text/plain' });
    const media = await Media.create({ sessionId: CANNED_MEDIA_SESSION, kind: 'document', mimeType: 'text/plain', size: blob.size, sha256: blob.sha256, gridFsId: blob.id, direction: 'out', fileName: 'tarifas.txt' });
    file = { mediaId: media._id, fileName: 'tarifas.txt', mimeType: 'text/plain', size: blob.size };
  }
  const doc = await CannedReply.create({ ownerId: null, shortcut: `shared-${uniq()}`, text: 'Gracias por escribirnos', file });
  return doc._id.toString();
}

/** A fresh label (only supervisors and admins define labels). */
export async function label(): Promise<string> {
  const name = `mx-${uniq()}`;
  return (await Label.create({ name, key: name, color: 'gray' }))._id.toString();
}

/** A fresh internal note on the assigned chat by someone else (only its author or a deleter of messages may delete it). */
export async function othersNote(s: MatrixState): Promise<string> {
  await ensureChat(s);
  const doc = await ChatNote.create({ sessionId: s.linked, chatId: s.chat, authorId: new Types.ObjectId(), authorName: 'Otra persona', text: 'Pendiente de factura' });
  return doc._id.toString();
}

/** A fresh reply scheduled by someone else in the assigned chat, a day ahead. */
export async function othersScheduled(s: MatrixState): Promise<string> {
  await ensureChat(s);
  const doc = await ScheduledMessage.create({ sessionId: s.linked, chatId: s.chat, text: 'Te llamamos mañana', sendAt: new Date(Date.now() + 86_400_000), authorId: new Types.ObjectId(), authorName: 'Otra persona' });
  return doc._id.toString();
}

/** A fresh message to several conversations by someone else, waiting in the assigned chat: its batch id. */
export async function othersBroadcast(s: MatrixState): Promise<string> {
  await ensureChat(s);
  const batchId = new Types.ObjectId().toString();
  await ScheduledMessage.create({ sessionId: s.linked, chatId: s.chat, text: 'Mañana abrimos a las 11', sendAt: new Date(Date.now() + 86_400_000), authorId: new Types.ObjectId(), authorName: 'Otra persona', batchId });
  return batchId;
}
