import type { ActorEvent, MessageStatus } from '@switchboard/shared';
import { Message } from '@switchboard/shared/node';
import { statusesBefore } from './status.ts';

/**
 * Moves a stored message to `next` only if that is an advance (the filter makes it atomic, so
 * out-of-order receipts never move a status backwards). Returns the event to publish, or null
 * when nothing changed (unknown message, or already at/after `next`).
 */
export async function applyStatus(
  sessionId: string,
  messageId: string,
  next: MessageStatus,
  reason?: string,
): Promise<Extract<ActorEvent, { type: 'message-status' }> | null> {
  const set: Record<string, unknown> = { status: next };
  if (reason) set.statusReason = reason.slice(0, 200);
  const doc = await Message.findOneAndUpdate(
    { sessionId, messageId, status: { $in: statusesBefore(next) } },
    { $set: set },
    { returnDocument: 'after' },
  ).lean();
  if (!doc) return null;
  return { type: 'message-status', messageId, chatId: doc.chatId, status: next, ...(reason ? { reason } : {}) };
}
