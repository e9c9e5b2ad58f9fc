/**
 * How a message's delivery status moves: forward only (pending → sent → delivered → read →
 * played), `failed` only before delivery, and a failed message that was retried may move on
 * again. Replayed and live events may arrive in any order; this keeps the furthest state.
 */
import { timedUpTo, type MessageStatus, type StatusTimes } from '@switchboard/shared';

const RANK: Record<MessageStatus, number> = { pending: 0, sent: 1, delivered: 2, read: 3, played: 4, failed: -1 };

/** The status to keep when `incoming` is reported for a message currently at `current`. */
export function mergeStatus(current: MessageStatus | undefined, incoming: MessageStatus): MessageStatus {
  if (current === undefined) return incoming;
  if (incoming === 'failed') return RANK[current] >= RANK.delivered ? current : 'failed';
  if (current === 'failed') return incoming === 'pending' ? 'failed' : incoming;
  return RANK[incoming] > RANK[current] ? incoming : current;
}

/**
 * The times of a message once it reached `status` at `at`: that status and any it skipped (a
 * read receipt may come without a delivery one) get `at`, as the server records them; a time
 * already known is kept.
 */
export function withStatusTime(times: StatusTimes | undefined, status: MessageStatus, at: number): StatusTimes | undefined {
  const reached = timedUpTo(status);
  if (reached.length === 0) return times;
  const next: StatusTimes = { ...times };
  for (const s of reached) next[s] ??= at;
  return next;
}
