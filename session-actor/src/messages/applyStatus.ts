import { timedUpTo, type ActorEvent, type MessageStatus } from '@switchboard/shared';
import { driverCollection, messageObjectId, Message, touched, type MessageDoc } from '@switchboard/shared/node';
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
  const now = new Date();
  // When it reached this status and those it skipped (a read receipt can come without a delivery
  // one); `$min` keeps a time already recorded.
  const times = Object.fromEntries(timedUpTo(next).map((status) => [`${status}At`, now]));
  const update = touched({ $set: set, ...(Object.keys(times).length ? { $min: times } : {}) }, now);
  const _id = messageObjectId(sessionId, messageId);
  const advance = async () =>
    (await driverCollection(Message).findOneAndUpdate({ _id, status: { $in: statusesBefore(next) } }, update, { returnDocument: 'before' })) as MessageDoc | null;
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
  const events: ActorEvent[] = [];
  if (before.fromMe && before.status === 'pending' && next !== 'failed' && next !== 'sent') {
    events.push({ type: 'message-sent', message: toView({ ...before, status: 'sent' }, await media?.of(before.mediaId)) });
  }
  events.push({ type: 'message-status', messageId, chatId: before.chatId, status: next, ...(reason ? { reason } : {}) });
  return events;
}
