import { needsReply, type GroupEvent } from '@switchboard/shared';
import { Assignment, Chat, ChatNote, Media, Message, Session, driverCollection, markChatHandled, touched, type ChatDoc } from '@switchboard/shared/node';
import type { ChatIdentity } from './jid.ts';
import { createKeyedQueue } from './keyedQueue.ts';

/** Changes to a chat caused by one message or one chat/contact update. */
export interface ChatPatch {
  name?: string | null;
  lastMessageAt?: Date;
  preview?: string | null;
  /** With `preview`: the change to a group the last message records, null for any other message. */
  system?: GroupEvent | null;
  /** Count one more unread message (incoming, notified), or this many more. */
  unread?: boolean | number;
  /** Time of an incoming message stored now (moves `lastInboundAt` forward). */
  inboundAt?: Date;
  /** Time of an outgoing message stored or sent now (moves `lastOutboundAt` forward). */
  outboundAt?: Date;
  /** The customer asked for no more messages sent to many chats (`optOutRequest`): when, and their words. */
  optOut?: { at: Date; word: string };
}

/** Result of an upsert: the stored chat id and whether the chat is new. */
export interface ChatUpsert {
  chatId: string;
  created: boolean;
  unreadCount: number;
  /** ms of the chat's last incoming / outgoing message after the write, null when none. */
  lastInboundAt: number | null;
  lastOutboundAt: number | null;
}

/** What this actor knows of a chat it wrote: its `_id` and its needs-reply times. */
interface KnownChat {
  _id: ChatDoc['_id'];
  lastInboundAt: Date | null;
  lastOutboundAt: Date | null;
  handledAt: Date | null;
}

type WrittenChat = Pick<ChatDoc, '_id' | 'unreadCount' | 'lastInboundAt' | 'lastOutboundAt' | 'handledAt' | 'needsReply'>;

/** A chat marked as needing no reply: when (ms), and its last incoming message (ms) then. */
export interface ChatHandled {
  handledAt: number;
  lastInboundAt: number | null;
}

/**
 * When the customer's wait began (ChatDoc.waitingSince), in the write that sets `needsReply`: an
 * incoming message that leaves the chat needing a reply starts it unless one already did
 * (`$min`); a write that leaves it needing none ends it (`$unset`, so the next `$min` starts anew).
 */
function waitFields(reply: { needsReply?: boolean }, patch: ChatPatch): Record<string, unknown> {
  if (reply.needsReply === undefined) return {};
  if (!reply.needsReply) return { $unset: { waitingSince: '' } };
  return patch.inboundAt ? { $min: { waitingSince: patch.inboundAt } } : {};
}

const later = (a: Date | null | undefined, b: Date | undefined): Date | null => (a && b ? (a > b ? a : b) : (a ?? b ?? null));

/**
 * Chat persistence of one session. A contact is one chat even when WhatsApp addresses it by
 * LID and by phone number: the chat is keyed by the PN JID once known, and a chat first
 * stored under the LID is renamed (with its messages, media, assignments and notes) when the PN
 * shows up, or merged into the PN chat (labels too) when both exist.
 */
export class ChatStore {
  private readonly enqueue = createKeyedQueue();
  /**
   * `_id` of each chat this actor wrote, by jid, so the next message updates it by primary key
   * (a filter on (sessionId, jid) scans the chats on the embedded database). Every such update
   * also matches the jid, so an entry made stale by a LID merge just falls back to the filter.
   * With the `_id` it keeps the chat's needs-reply times, so the stored `needsReply` flag is
   * computed into that same write (see replyFields).
   */
  private readonly ids = new Map<string, KnownChat>();
  /** LIDs with no LID chat left to merge, so a contact's every message does not look again. */
  private readonly merged = new Set<string>();
  /** Groups whose metadata could not be fetched yet (named at their next message). */
  private readonly unnamedGroups = new Set<string>();

  /** `onMerged`: a LID chat became (or was folded into) the contact's phone-number chat. */
  constructor(
    private readonly sessionId: string,
    private readonly onMerged?: (lid: string, pnJid: string) => void,
  ) {}

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
    if (patch.preview !== undefined) {
      set.lastMessagePreview = patch.preview;
      set.lastMessageSystem = patch.system ?? null;
    }
    // The customer wrote: a chat put aside comes back.
    if (patch.inboundAt) set.snoozedUntil = null;
    if (patch.optOut) set.optedOut = { at: patch.optOut.at, by: null, word: patch.optOut.word };
    const known = this.ids.get(identity.chatId);
    const max: Record<string, Date> = {};
    if (patch.lastMessageAt) max.lastMessageAt = patch.lastMessageAt;
    const reply = this.replyFields(known, patch, max);
    Object.assign(set, reply);
    const update: Record<string, unknown> = { $set: set, ...waitFields(reply, patch) };
    if (Object.keys(max).length) update.$max = max;
    if (patch.unread) update.$inc = { unreadCount: patch.unread === true ? 1 : patch.unread };
    let doc: WrittenChat | null = known
      ? ((await driverCollection(Chat).findOneAndUpdate({ _id: known._id, jid: identity.chatId }, touched(update), { returnDocument: 'after' })) as WrittenChat | null)
      : null;
    let created = false;
    if (!doc) {
      const res = (await Chat.findOneAndUpdate({ sessionId, jid: identity.chatId }, update, { upsert: true, returnDocument: 'after', includeResultMetadata: true, lean: true })) as unknown as {
        value: ChatDoc | null;
        lastErrorObject?: { updatedExisting?: boolean };
      };
      doc = res.value;
      created = !res.lastErrorObject?.updatedExisting;
      if (created) await Session.updateOne({ sessionId }, { $inc: { 'metrics.chatCount': 1 } });
    }
    if (doc) await this.remember(identity.chatId, doc);
    return {
      chatId: identity.chatId,
      created,
      unreadCount: doc?.unreadCount ?? 0,
      lastInboundAt: doc?.lastInboundAt ? doc.lastInboundAt.getTime() : null,
      lastOutboundAt: doc?.lastOutboundAt ? doc.lastOutboundAt.getTime() : null,
    };
  }

  /**
   * The needs-reply part of a chat write: the times move forward with `$max` (added to `max`),
   * and the `needsReply` flag they lead to goes into the same write. When this actor has not
   * seen the chat yet, the flag assumes the new message is the latest one (true for live
   * traffic); `remember` corrects the rare wrong guess.
   */
  private replyFields(known: KnownChat | undefined, patch: ChatPatch, max: Record<string, Date>): { needsReply?: boolean } {
    if (!patch.inboundAt && !patch.outboundAt) return {};
    if (patch.inboundAt) max.lastInboundAt = patch.inboundAt;
    if (patch.outboundAt) max.lastOutboundAt = patch.outboundAt;
    if (!known) return { needsReply: !patch.outboundAt };
    return { needsReply: needsReply({ lastInboundAt: later(known.lastInboundAt, patch.inboundAt), lastOutboundAt: later(known.lastOutboundAt, patch.outboundAt), handledAt: known.handledAt }) };
  }

  /**
   * Keeps the written chat's `_id` and times. A flag written from a guess (see replyFields)
   * that the stored times contradict is corrected here: at most once per chat and actor.
   */
  private async remember(jid: string, doc: WrittenChat): Promise<void> {
    const times = { lastInboundAt: doc.lastInboundAt ?? null, lastOutboundAt: doc.lastOutboundAt ?? null, handledAt: doc.handledAt ?? null };
    const wanted = needsReply(times);
    // A wrong "answered" guess left no wait (the list then counts from the last incoming message).
    if ((doc.needsReply ?? false) !== wanted) await Chat.updateOne({ _id: doc._id }, { $set: { needsReply: wanted }, ...(wanted ? {} : { $unset: { waitingSince: '' } }) });
    this.ids.set(jid, { _id: doc._id, ...times });
  }

  /** Moves everything stored under a LID chat to the PN chat (idempotent). */
  private async mergeLidInto(lid: string, pnJid: string): Promise<void> {
    const { sessionId } = this;
    const lidChat = await Chat.findOne({ sessionId, jid: lid }).lean();
    if (!lidChat) return;
    this.ids.delete(lid);
    const pnChat = await Chat.findOne({ sessionId, jid: pnJid }, { _id: 1, lastInboundAt: 1, lastOutboundAt: 1, handledAt: 1 }).lean();
    await Message.updateMany({ sessionId, chatId: lid }, { $set: { chatId: pnJid } });
    await Media.updateMany({ sessionId, chatId: lid }, { $set: { chatId: pnJid } });
    await Assignment.updateMany({ sessionId, chatId: lid }, { $set: { chatId: pnJid } }).catch(() => undefined);
    await ChatNote.updateMany({ sessionId, chatId: lid }, { $set: { chatId: pnJid } });
    if (!pnChat) {
      await Chat.updateOne({ _id: lidChat._id }, { $set: { jid: pnJid, pnJid, lid } });
      this.ids.set(pnJid, { _id: lidChat._id, lastInboundAt: lidChat.lastInboundAt ?? null, lastOutboundAt: lidChat.lastOutboundAt ?? null, handledAt: lidChat.handledAt ?? null });
      this.onMerged?.(lid, pnJid);
      return;
    }
    const times = {
      lastInboundAt: later(pnChat.lastInboundAt, lidChat.lastInboundAt ?? undefined),
      lastOutboundAt: later(pnChat.lastOutboundAt, lidChat.lastOutboundAt ?? undefined),
      handledAt: later(pnChat.handledAt, lidChat.handledAt ?? undefined),
    };
    const max: Record<string, Date> = {};
    if (lidChat.lastMessageAt) max.lastMessageAt = lidChat.lastMessageAt;
    if (times.lastInboundAt) max.lastInboundAt = times.lastInboundAt;
    if (times.lastOutboundAt) max.lastOutboundAt = times.lastOutboundAt;
    if (times.handledAt) max.handledAt = times.handledAt;
    // A contact blocked under its LID stays blocked.
    const update: Record<string, unknown> = { $inc: { unreadCount: lidChat.unreadCount ?? 0 }, $set: { lid, needsReply: needsReply(times), ...(lidChat.blocked ? { blocked: true } : {}) } };
    // One wait for the contact: the earlier of the two, none once the merged chat needs no reply.
    if (!needsReply(times)) update.$unset = { waitingSince: '' };
    else if (lidChat.waitingSince) update.$min = { waitingSince: lidChat.waitingSince };
    if (Object.keys(max).length) update.$max = max;
    // The team's labels on either chat stay on the contact's one chat.
    if (lidChat.labels?.length) update.$addToSet = { labels: { $each: lidChat.labels } };
    await Chat.updateOne({ _id: pnChat._id }, update);
    this.ids.set(pnJid, { _id: pnChat._id, ...times });
    await Chat.deleteOne({ _id: lidChat._id });
    await Session.updateOne({ sessionId }, { $inc: { 'metrics.chatCount': -1 } });
    this.onMerged?.(lid, pnJid);
  }

  /** A LID ↔ PN mapping learnt from WhatsApp: folds an existing LID chat into the PN chat. */
  learnMapping(lid: string, pnJid: string): Promise<void> {
    return this.enqueue(lid, () => this.mergeLidInto(lid, pnJid));
  }

  /** Names an existing chat (contact or group updates); never creates one. True when a chat changed. */
  async rename(jid: string, name: string): Promise<boolean> {
    const res = await Chat.updateMany({ sessionId: this.sessionId, $or: [{ jid }, { lid: jid }], name: { $ne: name } }, { $set: { name } });
    return res.modifiedCount > 0;
  }

  /** Whether naming this group from its metadata failed and should be tried again. */
  unnamed(jid: string): boolean {
    return this.unnamedGroups.has(jid);
  }

  /** Records whether a group still waits for its name. */
  setUnnamed(jid: string, unnamed: boolean): void {
    if (unnamed) this.unnamedGroups.add(jid);
    else this.unnamedGroups.delete(jid);
  }

  /** Resets the unread counter (after markRead). */
  async markRead(chatId: string): Promise<void> {
    await Chat.updateOne({ sessionId: this.sessionId, jid: chatId }, { $set: { unreadCount: 0 } });
  }

  /**
   * Marks a chat as needing no reply (an agent decides the customer's last words need none):
   * `handledAt` moves forward to `now` and the stored flag follows, so the chat needs a reply again
   * only when a newer message comes in. A message write racing it is put right by whichever of
   * the two lands last: each recomputes the flag from the times its write returned (`remember`).
   * Null when the session has no such chat.
   */
  async markHandled(chatId: string, now: Date): Promise<ChatHandled | null> {
    const doc = await markChatHandled(this.sessionId, chatId, now);
    if (!doc) return null;
    await this.remember(chatId, doc);
    return { handledAt: (doc.handledAt ?? now).getTime(), lastInboundAt: doc.lastInboundAt ? doc.lastInboundAt.getTime() : null };
  }

  /**
   * Marks a chat unread (an agent leaves it for later): a read chat counts one unread message,
   * a chat with unread messages keeps its count. The chat's unread count after it, or null when
   * the session has no such chat.
   */
  async markUnread(chatId: string): Promise<number | null> {
    const chat = await Chat.findOneAndUpdate({ sessionId: this.sessionId, jid: chatId }, { $max: { unreadCount: 1 } }, { returnDocument: 'after' }).lean();
    return chat ? chat.unreadCount : null;
  }
}
