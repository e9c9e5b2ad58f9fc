import { Assignment, Chat, Media, Message, Session, type ChatDoc } from '@switchboard/shared/node';
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
  /**
   * `_id` of each chat this actor wrote, by jid, so the next message updates it by primary key
   * (a filter on (sessionId, jid) scans the chats on the embedded database). Every such update
   * also matches the jid, so an entry made stale by a LID merge just falls back to the filter.
   */
  private readonly ids = new Map<string, ChatDoc['_id']>();
  /** LIDs with no LID chat left to merge, so a contact's every message does not look again. */
  private readonly merged = new Set<string>();

  constructor(private readonly sessionId: string) {}

  /** Creates or updates the chat of `identity`; serialised per contact. */
  upsert(identity: ChatIdentity, patch: ChatPatch): Promise<ChatUpsert> {
    return this.enqueue(identity.lid ?? identity.chatId, async () => {
      if (identity.lid && identity.pnJid && !this.merged.has(identity.lid)) {
        await this.mergeLidInto(identity.lid, identity.pnJid);
        this.merged.add(identity.lid);
      }
      // A chat stored under the LID itself may need merging again once the PN is known.
      if (identity.lid && identity.chatId === identity.lid) this.merged.delete(identity.lid);
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
    const known = this.ids.get(identity.chatId);
    let doc: Pick<ChatDoc, '_id' | 'unreadCount'> | null = known
      ? await Chat.findOneAndUpdate({ _id: known, jid: identity.chatId }, update, { new: true }).lean()
      : null;
    let created = false;
    if (!doc) {
      const res = (await Chat.findOneAndUpdate({ sessionId, jid: identity.chatId }, update, { upsert: true, new: true, includeResultMetadata: true, lean: true })) as unknown as {
        value: ChatDoc | null;
        lastErrorObject?: { updatedExisting?: boolean };
      };
      doc = res.value;
      created = !res.lastErrorObject?.updatedExisting;
      if (created) await Session.updateOne({ sessionId }, { $inc: { 'metrics.chatCount': 1 } });
    }
    if (doc) this.ids.set(identity.chatId, doc._id);
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
