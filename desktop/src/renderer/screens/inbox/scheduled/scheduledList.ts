/** The scheduled replies a chat shows: still to go, or not sent (to retry or discard), earliest first. */
import type { ScheduledMessageView } from '@switchboard/shared';

/** True for a reply the chat still shows (not sent, not cancelled). */
export const isShown = (s: Pick<ScheduledMessageView, 'status'>) => s.status === 'scheduled' || s.status === 'sending' || s.status === 'failed';

/** The list with `s` as it is now: replaced, added, or dropped once sent or cancelled. */
export function upsertScheduled(list: readonly ScheduledMessageView[], s: ScheduledMessageView): ScheduledMessageView[] {
  const rest = list.filter((x) => x.id !== s.id);
  return (isShown(s) ? [...rest, s] : rest).sort((a, b) => a.sendAt - b.sendAt || a.id.localeCompare(b.id));
}
