/**
 * Edits and deletions for everyone (WhatsApp protocol messages MESSAGE_EDIT and REVOKE) change
 * the stored message they name instead of being stored themselves: an edit replaces its text
 * (a media message's caption) and sets `editedAt`; a deletion removes its text, caption,
 * location and media and sets `revokedAt`. The changed message is announced again as a
 * `message` event (same id), so consoles, REST lists, search and webhooks show what the customer
 * sees now.
 *
 * Only the author may change a message: the target must be in the same chat, written by the same
 * side (`fromMe`) and, in a group, by the same member, as Baileys' own process-message assumes
 * (it takes the chat and side from the envelope and only the id from the protocol message). A
 * change for a message we never stored (older than our history) is ignored. Changes are applied
 * after the run's new messages are stored, so an edit arriving with its target finds it; they are
 * idempotent, so a replay from the durable inbox repeats them harmlessly.
 */
import { normalizeMessageContent, proto, type WAMessage, type WASocket } from '@whiskeysockets/baileys';
import { DELETED_PREVIEW, type ActorEvent } from '@switchboard/shared';
import { Chat, Message, dropMediaById, messageObjectId, type MessageDoc } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import type { MediaSummaries } from '../media/mediaSummaries.ts';
import { chatIdentityFor, senderOf } from './jid.ts';
import { mapContent } from './mapContent.ts';
import { announceMessage, previewOf } from './view.ts';

/** A change to an earlier message, read from a protocol message. */
export type MessageChange = { type: 'edit'; msg: WAMessage; targetId: string; text: string } | { type: 'revoke'; msg: WAMessage; targetId: string };

/** The change a message carries, or null for any other message. */
export function changeOf(msg: WAMessage): MessageChange | null {
  const p = normalizeMessageContent(msg.message)?.protocolMessage;
  const targetId = p?.key?.id;
  if (!p || !targetId) return null;
  if (p.type === proto.Message.ProtocolMessage.Type.REVOKE) return { type: 'revoke', msg, targetId };
  if (p.type !== proto.Message.ProtocolMessage.Type.MESSAGE_EDIT || !p.editedMessage) return null;
  // The new words: a text's, or a media message's caption.
  const edited = mapContent(p.editedMessage);
  const text = edited?.kind === 'text' ? edited.text : edited?.caption;
  return text === undefined ? null : { type: 'edit', msg, targetId, text };
}

/** What applying a change needs from the actor. */
export interface ChangeDeps {
  sessionId: string;
  logger: Logger;
  media: MediaSummaries;
  sock(): WASocket | null;
  emit(event: ActorEvent): void;
}

/**
 * Ids of our messages this actor is changing right now (ownChanges.ts): Baileys' echo of the
 * change may arrive between the send and the write, and must not write it a second time (with
 * WhatsApp's second-resolution time) or announce it twice.
 */
export const ownChangesInFlight = new Set<string>();

/** Applies one change to its stored message and announces the result (nothing when it is unknown or not the author's). */
export async function applyChange(change: MessageChange, deps: ChangeDeps): Promise<void> {
  const { key } = change.msg;
  if (!key.remoteJid) return;
  if (key.fromMe && ownChangesInFlight.has(change.targetId)) return;
  const identity = await chatIdentityFor(key, deps.sock());
  if (!identity) return;
  const fromMe = !!key.fromMe;
  const sender = fromMe ? undefined : senderOf(key, identity);
  const filter = {
    _id: messageObjectId(deps.sessionId, change.targetId),
    chatId: identity.chatId,
    fromMe,
    ...(identity.isGroup && sender ? { sender } : {}),
  };
  const at = new Date(Number(change.msg.messageTimestamp ?? 0) * 1000 || Date.now());
  const target = await Message.findOne(filter).lean<MessageDoc>();
  if (!target) {
    deps.logger.debug({ messageId: change.targetId, change: change.type }, 'change for a message not stored here, or not by its author: ignored');
    return;
  }
  // Deleted for everyone: nothing left to change. Already as the change says (a replay, or the
  // echo of a change this actor sent): nothing to write or announce.
  if (target.revokedAt) return;
  if (change.type === 'edit' && target.editedAt && (target.kind === 'text' ? target.text : target.caption) === change.text) return;
  await commitChange(target, change.type === 'edit' ? { type: 'edit', text: change.text } : { type: 'revoke' }, at, deps);
}

/** A change as written: new words, or a deletion for everyone. */
export type ContentChange = { type: 'edit'; text: string } | { type: 'revoke' };

/**
 * Writes a change to a stored message (the text, a media message's caption; or its content and
 * file gone), moves the chat's preview when it is the latest message, and announces it.
 */
export async function commitChange(target: MessageDoc, change: ContentChange, at: Date, deps: Pick<ChangeDeps, 'sessionId' | 'media' | 'emit'>): Promise<void> {
  let update: Record<string, unknown>;
  if (change.type === 'edit') {
    update = { [target.kind === 'text' ? 'text' : 'caption']: change.text, editedAt: at };
  } else {
    if (target.mediaId) await dropMediaById(String(target.mediaId));
    update = { text: null, caption: null, location: null, mediaId: null, mediaStatus: null, revokedAt: at };
  }
  // A deletion is written once: a second one (a replay racing the first) finds nothing to do.
  const filter = change.type === 'revoke' ? { _id: target._id, revokedAt: null } : { _id: target._id };
  const doc = await Message.findOneAndUpdate(filter, { $set: update }, { returnDocument: 'after' }).lean<MessageDoc>();
  if (!doc) return;
  await refreshPreview(doc, deps.sessionId);
  await announceMessage(doc, deps);
}

/** The chat list shows the latest message: when that is the one changed, so does its preview. */
export async function refreshPreview(doc: MessageDoc, sessionId: string): Promise<void> {
  const preview = doc.revokedAt ? DELETED_PREVIEW : previewOf(doc);
  await Chat.updateOne({ sessionId, jid: doc.chatId, lastMessageAt: doc.timestamp }, { $set: { lastMessagePreview: preview } });
}
