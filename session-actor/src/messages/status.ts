import { proto } from '@whiskeysockets/baileys';
import { MESSAGE_STATUSES, type MessageStatus } from '@switchboard/shared';

const RANK: Record<MessageStatus, number> = {
  pending: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  played: 4,
  failed: 5,
};

/** Maps Baileys' WebMessageInfo.Status (0..5) to ours; PENDING and unknown values give null. */
export function statusFromWa(status: number | null | undefined): MessageStatus | null {
  switch (status) {
    case proto.WebMessageInfo.Status.ERROR:
      return 'failed';
    case proto.WebMessageInfo.Status.SERVER_ACK:
      return 'sent';
    case proto.WebMessageInfo.Status.DELIVERY_ACK:
      return 'delivered';
    case proto.WebMessageInfo.Status.READ:
      return 'read';
    case proto.WebMessageInfo.Status.PLAYED:
      return 'played';
    default:
      return null;
  }
}

/** Maps a user receipt type (messages.update / message-receipt.update) to a status. */
export function statusFromReceipt(receipt: { readTimestamp?: unknown; playedTimestamp?: unknown; receiptTimestamp?: unknown }): MessageStatus | null {
  if (receipt.playedTimestamp) return 'played';
  if (receipt.readTimestamp) return 'read';
  if (receipt.receiptTimestamp) return 'delivered';
  return null;
}

/**
 * The statuses a message may be in for `next` to be an advance: statuses only move forward
 * (sent → delivered → read → played); `failed` (an error ack) can only follow pending or
 * sent, and is terminal. Used as a database filter, so
 * concurrent receipts can never move a status backwards.
 */
export function statusesBefore(next: MessageStatus): MessageStatus[] {
  if (next === 'failed') return ['pending', 'sent'];
  return MESSAGE_STATUSES.filter((s) => s !== 'failed' && RANK[s] < RANK[next]);
}

/** True when moving from `current` to `next` is allowed. */
export function canAdvance(current: MessageStatus, next: MessageStatus): boolean {
  return statusesBefore(next).includes(current);
}
