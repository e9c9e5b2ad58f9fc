import { Assignment, Chat, Media, Message, Session } from '@switchboard/shared/node';
import type { ChatIdentity } from './jid.ts';
import { createKeyedQueue } from './keyedQueue.ts';

/** Changes to a chat caused by one message or one chat/contact update. */
export interface ChatPatch {
  name?: string | null;
  lastMessageAt?: Date;
  preview?: string | null;
  /** Count one more unread message (incoming, notified). */
  unread?: boolean;
}

/** Result of an upsert: the stored chat id and whether the chat is new. */
export interface ChatUpsert {
  chatId: string;
  created: boolean;
  unreadCount: number;
}

/**
 * Chat persistence of one session. A contact is one chat even when WhatsApp addresses it by
 * LID and by phone number: the chat is keyed by the PN JID once known, and a chat first
 * stored under the LID is renamed (with its messages, media and assignments) when the PN shows
 * up, or merged into the PN chat when both exist.
 */
export class ChatStore {
  private readonly enqueue = createKeyedQueue();

  constructor(private readonly sessionId: string) {}

  /** Creates or updates the chat of `identity`; serialised per contact. */
  upsert(identity: ChatIdentity, patch: ChatPatch): Promise<ChatUpsert> {
    return this.enqueue(identity.lid ?? identity.chatId, async () => {
      if (identity.lid && identity.pnJid) await this.mergeLidInto(identity.lid, identity.pnJid);
      return this.write(identity, patch);
    });
  }

  private async write(identity: ChatIdentity, patch: ChatPatch): Promise<ChatUpsert> {
    const { sessionId } = this;
    const set: Record<string, unknown> = { isGroup: identity.isGroup };
    if (identity.lid) set.lid = identity.lid;
    if (identity.pnJid) set.pnJid = identity.pnJid;
    if (patch.name) set.name = patch.name;
    if (patch.preview !== undefined) set.lastMessagePreview = patch.preview;
    const update: Record<string, unknown> = { $set: set };
    if (patch.lastMessageAt) update.$max = { lastMessageAt: patch.lastMessageAt };
    if (patch.unread) update.$inc = { unreadCount: 1 };
    const res = await Chat.updateOne({ sessionId, jid: identity.chatId }, update, { upsert: true });
    const created = (res.upsertedCount ?? 0) > 0;
    if (created) await Session.updateOne({ sessionId }, { $inc: { 'metrics.chatCount': 1 } });
    const doc = await Chat.findOne({ sessionId, jid: identity.chatId }, { unreadCount: 1 }).lean();
    return { chatId: identity.chatId, created, unreadCount: doc?.unreadCount ?? 0 };
  }

  /** Moves everything stored under a LID chat to the PN chat (idempotent). */
  private async mergeLidInto(lid: string, pnJid: string): Promise<void> {
    const { sessionId } = this;
    const lidChat = await Chat.findOne({ sessionId, jid: lid }).lean();
    if (!lidChat) return;
    const pnChat = await Chat.findOne({ sessionId, jid: pnJid }, { _id: 1 }).lean();
    await Message.updateMany({ sessionId, chatId: lid }, { $set: { chatId: pnJid } });
    await Media.updateMany({ sessionId, chatId: lid }, { $set: { chatId: pnJid } });
    await Assignment.updateMany({ sessionId, chatId: lid }, { $set: { chatId: pnJid } }).catch(() => undefined);
    if (!pnChat) {
      await Chat.updateOne({ _id: lidChat._id }, { $set: { jid: pnJid, pnJid, lid } });
      return;
    }
    const update: Record<string, unknown> = { $inc: { unreadCount: lidChat.unreadCount ?? 0 }, $set: { lid } };
    if (lidChat.lastMessageAt) update.$max = { lastMessageAt: lidChat.lastMessageAt };
    await Chat.updateOne({ _id: pnChat._id }, update);
    await Chat.deleteOne({ _id: lidChat._id });
    await Session.updateOne({ sessionId }, { $inc: { 'metrics.chatCount': -1 } });
  }

  /** A LID ↔ PN mapping learnt from WhatsApp: folds an existing LID chat into the PN chat. */
  learnMapping(lid: string, pnJid: string): Promise<void> {
    return this.enqueue(lid, () => this.mergeLidInto(lid, pnJid));
  }

  /** Names an existing chat (contact or group updates); never creates one. */
  async rename(jid: string, name: string): Promise<void> {
    await Chat.updateMany({ sessionId: this.sessionId, $or: [{ jid }, { lid: jid }] }, { $set: { name } });
  }

  /** Resets the unread counter (after markRead). */
  async markRead(chatId: string): Promise<void> {
    await Chat.updateOne({ sessionId: this.sessionId, jid: chatId }, { $set: { unreadCount: 0 } });
  }
}
