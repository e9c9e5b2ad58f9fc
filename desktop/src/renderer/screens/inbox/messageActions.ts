/**
 * What an agent does to one message (InboxProvider hands these to the thread): react to it, or
 * edit / delete for everyone one of ours. Each goes to the server, and the thread shows the
 * outcome at once; the server's `message` / `message-sent` events follow and settle it.
 */
import type { InboxMessageView } from '@switchboard/shared';
import type { Dispatch } from 'react';
import { newClientId, type inboxApi } from './inboxApi.ts';
import type { InboxAction } from './model/inboxReducer.ts';

/** The message actions of the inbox, on `rest`, recorded in the inbox state through `dispatch`. */
export function messageActions(rest: ReturnType<typeof inboxApi>, dispatch: Dispatch<InboxAction>) {
  return {
    async react(target: InboxMessageView, emoji: string): Promise<void> {
      const { sessionId, chatId } = target;
      const accepted = await rest.react(sessionId, chatId, target.id, emoji, newClientId());
      // message-sent replaces it once WhatsApp has it; reactions move no chat clock (withMessage).
      dispatch({ type: 'event/message', message: { id: accepted.messageId, sessionId, chatId, fromMe: true, kind: 'reaction', reaction: { emoji, targetId: target.id }, status: accepted.status, timestamp: Date.now() } });
    },
    async editMessage(m: InboxMessageView, text: string): Promise<void> {
      const { at } = await rest.editMessage(m.sessionId, m.id, text);
      dispatch({ type: 'event/message', message: { ...m, text, editedAt: at } });
    },
    async deleteMessage(m: InboxMessageView): Promise<void> {
      const { at } = await rest.deleteMessage(m.sessionId, m.id);
      dispatch({ type: 'event/message', message: { ...m, revokedAt: at } });
    },
  };
}
