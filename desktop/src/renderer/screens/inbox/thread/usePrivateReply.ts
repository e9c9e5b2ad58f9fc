/**
 * *Responder en privado* on a member's message in a group: opens the member's own chat with the
 * account when the user may read it, its reply quoting the group message (sent as WhatsApp's
 * private reply: their phone shows the group message and the group), else — for those who may start conversations — *Nueva
 * conversación* filled in with the member's number; otherwise says why not.
 */
import type { InboxMessageView } from '@switchboard/shared';
import { useCallback, useRef } from 'react';
import { useInbox } from '../InboxProvider.tsx';
import { toQuoted } from '../model/drafts.ts';
import { chatKey } from '../model/keys.ts';
import { senderLabel } from './rows.ts';
import { useWriteTo } from './useWriteTo.ts';

/** Whether a message is a group member's, whom one can answer privately. */
export function canReplyPrivately(m: InboxMessageView): boolean {
  return !m.fromMe && m.chatId.endsWith('@g.us') && /^\d{6,15}@s\.whatsapp\.net$/.test(m.sender ?? '');
}

export function usePrivateReply(): (m: InboxMessageView) => void {
  const writeTo = useWriteTo();
  const { setDraft, state } = useInbox();
  // Read when used, so the callback (handed to every bubble) does not change with each event.
  const chats = useRef(state.chats);
  chats.current = state.chats;
  return useCallback(
    (m: InboxMessageView) => {
      const phone = m.sender!.split('@')[0]!;
      writeTo({
        sessionId: m.sessionId,
        phone,
        name: senderLabel(m) ?? phone,
        onExisting: (own) => {
          const group = chats.current.get(chatKey(m.sessionId, m.chatId))?.name ?? null;
          setDraft(chatKey(m.sessionId, own), { quote: { ...toQuoted(m), from: { chatId: m.chatId, name: group } } });
        },
      });
    },
    [writeTo, setDraft],
  );
}
