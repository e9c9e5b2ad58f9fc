/**
 * What an agent does to one message (InboxProvider hands these to the thread): react to it, or
 * edit / delete for everyone one of ours, change or cancel one of our events. Each goes to the server, and the thread shows the
 * outcome at once; the server's `message` / `message-sent` events follow and settle it.
 */
import type { InboxMessageView } from '@switchboard/shared';
import type { Dispatch } from 'react';
import { newClientId, type inboxApi } from './inboxApi.ts';
import type { InboxAction } from './model/inboxReducer.ts';
import type { NewEvent } from './outbox/types.ts';

/** The message actions of the inbox, on `rest`, recorded in the inbox state through `dispatch`. */
export function messageActions(rest: ReturnType<typeof inboxApi>, dispatch: Dispatch<InboxAction>) {
  return {
    /** Reacts to a message with `emoji` ('' takes our reaction back); shown at once, ticked when WhatsApp has it. */
    async react(target: InboxMessageView, emoji: string): Promise<void> {
      const { sessionId, chatId } = target;
      const accepted = await rest.react(sessionId, chatId, target.id, emoji, newClientId());
      // message-sent replaces it once WhatsApp has it; reactions move no chat clock (withMessage).
      dispatch({ type: 'event/message', message: { id: accepted.messageId, sessionId, chatId, fromMe: true, kind: 'reaction', reaction: { emoji, targetId: target.id }, status: accepted.status, timestamp: Date.now() } });
    },
    /** Edits the text of one of our messages on WhatsApp (within 15 minutes of sending). */
    async editMessage(m: InboxMessageView, text: string): Promise<void> {
      const { at } = await rest.editMessage(m.sessionId, m.id, text);
      dispatch({ type: 'event/message', message: { ...m, text, editedAt: at } });
    },
    /** Changes or cancels one of our events on WhatsApp (until it is cancelled); the thread shows it at once. */
    async changeEvent(m: InboxMessageView, change: NewEvent | 'cancel'): Promise<void> {
      if (change === 'cancel') {
        const { at } = await rest.cancelEvent(m.sessionId, m.id);
        if (m.event) dispatch({ type: 'event/message', message: { ...m, event: { ...m.event, canceled: true }, editedAt: at } });
        return;
      }
      const { at } = await rest.changeEvent(m.sessionId, m.id, change);
      const { name, description, startAt, endAt, place } = change;
      const event = { ...m.event, startAt, endAt, place };
      dispatch({ type: 'event/message', message: { ...m, text: name, caption: description, event, editedAt: at } });
    },
    /** Marks a message *Destacado* for the team, or takes the mark off; every console reading the chat sees it. */
    async star(m: InboxMessageView, on: boolean): Promise<void> {
      const { starred } = await rest.star(m.sessionId, m.id, on);
      dispatch({ type: 'event/message', message: { ...m, starred: starred ?? undefined } });
    },
    /** Deletes one of our messages for everyone on WhatsApp (within about two days). */
    async deleteMessage(m: InboxMessageView): Promise<void> {
      const { at } = await rest.deleteMessage(m.sessionId, m.id);
      dispatch({ type: 'event/message', message: { ...m, revokedAt: at } });
    },
  };
}

/** The message actions the inbox gives (useInbox). */
export type MessageActions = ReturnType<typeof messageActions>;
