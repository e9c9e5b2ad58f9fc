import type { ActorEvent, MessageStatus } from '@switchboard/shared';
import { messageObjectId, Message, type MessageDoc } from '@switchboard/shared/node';
import type { MediaSummaries } from '../media/mediaSummaries.ts';
import { earlyStatuses } from './earlyStatus.ts';
import { statusesBefore } from './status.ts';
import { toView } from './view.ts';

/**
 * Moves a stored message to `next` only if that is an advance (the filter makes it atomic, so
 * out-of-order receipts never move a status backwards). Returns the events to publish, in
 * order: empty when nothing changed (unknown message, or already at/after `next`).
 *
 * Whoever moves an outgoing message out of `pending` announces `message-sent` first: a receipt
 * can overtake the outbox's own bookkeeping (Baileys may still be awaiting follow-up queries
 * when the contact's delivery receipt arrives), and users must see sent → delivered → read.
 * `media` supplies the summary a media message's `message-sent` carries. A status for a message
 * not stored yet is kept (earlyStatus.ts) and applied by ingest when the message arrives.
 */
export async function applyStatus(
  sessionId: string,
  messageId: string,
  next: MessageStatus,
  reason?: string,
  media?: MediaSummaries,
): Promise<ActorEvent[]> {
  const set: Record<string, unknown> = { status: next };
  if (reason) set.statusReason = reason.slice(0, 200);
  const _id = messageObjectId(sessionId, messageId);
  const advance = () => Message.findOneAndUpdate({ _id, status: { $in: statusesBefore(next) } }, { $set: set }, { returnDocument: 'before' }).lean();
  let before = await advance();
  if (!before && next !== 'failed') {
    // Perhaps not stored yet (a receipt that overtook a self-sync copy): kept for ingest, unless
    // the message turns out to exist, possibly stored just now, in which case it is tried again.
    earlyStatuses.remember(sessionId, messageId, next);
    if (await Message.exists({ _id })) {
      earlyStatuses.take(sessionId, messageId);
      before = await advance();
    }
  }
  if (!before) return [];
  return statusEvents(before, messageId, next, reason, media);
}

/** The events of a status change, from the message as it was before it. */
async function statusEvents(before: MessageDoc, messageId: string, next: MessageStatus, reason: string | undefined, media: MediaSummaries | undefined): Promise<ActorEvent[]> {
  const events: ActorEvent[] = [];
  if (before.fromMe && before.status === 'pending' && next !== 'failed' && next !== 'sent') {
    events.push({ type: 'message-sent', message: toView({ ...before, status: 'sent' }, await media?.of(before.mediaId)) });
  }
  events.push({ type: 'message-status', messageId, chatId: before.chatId, status: next, ...(reason ? { reason } : {}) });
  return events;
}

/** One status change asked for by WhatsApp (a receipt, an update). */
export interface StatusChange {
  messageId: string;
  next: MessageStatus;
  reason?: string | undefined;
}

/**
 * `applyStatus` for several changes that queued up together (issue 13: the receipts of a burst of
 * sends), with the same outcome and events, in the order asked: the messages are read by `_id`
 * (reads pass beside the embedded database's write lock) and the changes that advance them are
 * written with one `bulkWrite` of the same conditional updates. Should one of them not match
 * (the message moved meanwhile), the messages are read again and each one the batch did not
 * advance goes through `applyStatus`. A message named twice, an unknown one (perhaps not stored
 * yet) and a lone change go through `applyStatus` directly.
 */
export async function applyStatuses(sessionId: string, changes: readonly StatusChange[], media?: MediaSummaries): Promise<ActorEvent[]> {
  const named = new Map<string, number>();
  for (const c of changes) named.set(c.messageId, (named.get(c.messageId) ?? 0) + 1);
  const once = changes.filter((c) => named.get(c.messageId) === 1 && c.next !== 'failed');
  const before = new Map<StatusChange, MessageDoc>();
  /** Stored and already at or past the status asked for: nothing to do, as applyStatus would find. */
  const noChange = new Set<StatusChange>();
  if (once.length > 1) {
    const docs = await Promise.all(once.map((c) => Message.findById(messageObjectId(sessionId, c.messageId)).lean()));
    once.forEach((c, i) => {
      const doc = docs[i];
      if (doc && statusesBefore(c.next).includes(doc.status)) before.set(c, doc);
      else if (doc) noChange.add(c);
    });
  }
  const advancing = [...before.keys()];
  if (advancing.length > 0) {
    const res = await Message.bulkWrite(
      advancing.map((c) => ({
        updateOne: {
          filter: { _id: messageObjectId(sessionId, c.messageId), status: { $in: statusesBefore(c.next) } },
          update: { $set: { status: c.next, ...(c.reason ? { statusReason: c.reason.slice(0, 200) } : {}) } },
        },
      })),
      { ordered: false },
    );
    if (res.matchedCount !== advancing.length) {
      const now = await Promise.all(advancing.map((c) => Message.findById(messageObjectId(sessionId, c.messageId), { status: 1 }).lean()));
      advancing.forEach((c, i) => {
        if (now[i]?.status !== c.next) before.delete(c);
      });
    }
  }
  const events: ActorEvent[] = [];
  for (const c of changes) {
    const was = before.get(c);
    if (was) events.push(...(await statusEvents(was, c.messageId, c.next, c.reason, media)));
    else if (!noChange.has(c)) events.push(...(await applyStatus(sessionId, c.messageId, c.next, c.reason, media)));
  }
  return events;
}
