/**
 * Sends the answers typed in notifications (the desktop app on macOS: `replyTo` names the chat,
 * useNotifier.ts) like any reply: through the outbox, so one is kept while offline and sent once.
 * The server decides whether this user may answer that chat.
 */
import { useEffect } from 'react';
import type { Platform } from '../../../platform/platform.ts';
import { newClientId } from '../inboxApi.ts';
import { parseChatKey } from '../model/keys.ts';
import type { OutboxQueue } from '../outbox/OutboxQueue.ts';

/** Subscribes to the platform's notification replies for as long as the inbox is mounted. */
export function useNotificationReplies(platform: Platform, queue: OutboxQueue): void {
  useEffect(
    () =>
      platform.onNotificationReply(({ replyTo, text }) => {
        const { sessionId, chatId } = parseChatKey(replyTo);
        if (sessionId && chatId && text.trim()) void queue.enqueue({ clientId: newClientId(), sessionId, chatId, text });
      }),
    [platform, queue],
  );
}
