/**
 * A scheduled reply changed (scheduled, sent, cancelled, not sent): the chat's `nextScheduledAt`
 * and `scheduledFailed` (what the inbox list shows) are read again from its replies, and the consoles that may
 * read the chat hear both — `scheduled-message` and `chat-scheduled`. Two changes at the same
 * instant may leave the earlier answer for a moment; the next change, or a reload, corrects it.
 */
import type { ChatScheduledView, ScheduledMessageView } from '@switchboard/shared';
import { Chat, ScheduledMessage } from '@switchboard/shared/node';
import type { ChatEmitter } from '../deps.ts';

/** Stores and returns when the chat's earliest waiting reply goes (ms, or null) and whether one could not be sent. */
export async function refreshNextScheduled(sessionId: string, chatId: string): Promise<Omit<ChatScheduledView, 'sessionId' | 'chatId'>> {
  const [next, failed] = await Promise.all([
    ScheduledMessage.findOne({ sessionId, chatId, status: 'scheduled' }, { sendAt: 1 }).sort({ sendAt: 1 }).lean(),
    ScheduledMessage.exists({ sessionId, chatId, status: 'failed' }),
  ]);
  const at = next?.sendAt ?? null;
  await Chat.updateOne({ sessionId, jid: chatId }, { $set: { nextScheduledAt: at, scheduledFailed: !!failed } });
  return { nextScheduledAt: at ? at.getTime() : null, scheduledFailed: !!failed };
}

/** Refreshes the chat's next time and tells its consoles about `view`. */
export async function announceScheduled(emit: ChatEmitter | undefined, view: ScheduledMessageView): Promise<void> {
  const chat = await refreshNextScheduled(view.sessionId, view.chatId);
  emit?.(view.sessionId, view.chatId, 'scheduled-message', view);
  emit?.(view.sessionId, view.chatId, 'chat-scheduled', { sessionId: view.sessionId, chatId: view.chatId, ...chat });
}
