/**
 * *Responder en privado* on a member's message in a group: opens the member's own chat with the
 * account when the user may read it, its reply quoting the group message (sent as WhatsApp's
 * private reply: their phone shows the group message and the group), else — for those who may start conversations — *Nueva
 * conversación* filled in with the member's number; otherwise says why not.
 */
import type { InboxMessageView } from '@switchboard/shared';
import { useCallback, useRef } from 'react';
import { useNavigate } from 'react-router';
import { useAbility, useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { errorText } from '../../../ui/errors.ts';
import { useToast } from '../../../ui/Toasts.tsx';
import { inboxApi } from '../inboxApi.ts';
import { useInbox } from '../InboxProvider.tsx';
import { toQuoted } from '../model/drafts.ts';
import { chatKey } from '../model/keys.ts';
import { mayStartChatIn } from '../model/newChat.ts';
import { senderLabel } from './rows.ts';

const enc = encodeURIComponent;

/** Whether a message is a group member's, whom one can answer privately. */
export function canReplyPrivately(m: InboxMessageView): boolean {
  return !m.fromMe && m.chatId.endsWith('@g.us') && /^\d{6,15}@s\.whatsapp\.net$/.test(m.sender ?? '');
}

export function usePrivateReply(): (m: InboxMessageView) => void {
  const api = useApi();
  const navigate = useNavigate();
  const ability = useAbility();
  const toast = useToast();
  const { t } = useI18n();
  const { setDraft, state } = useInbox();
  // Read when used, so the callback (handed to every bubble) does not change with each event.
  const chats = useRef(state.chats);
  chats.current = state.chats;
  return useCallback(
    (m: InboxMessageView) => {
      const member = m.sender!;
      const phone = member.split('@')[0]!;
      inboxApi(api)
        .pickChats(m.sessionId, phone)
        .then((page) => {
          const own = page.data.find((c) => c.id === member);
          if (own) {
            const group = chats.current.get(chatKey(m.sessionId, m.chatId))?.name ?? null;
            setDraft(chatKey(m.sessionId, own.id), { quote: { ...toQuoted(m), from: { chatId: m.chatId, name: group } } });
            navigate(`/inbox/${enc(m.sessionId)}/${enc(own.id)}`);
          } else if (mayStartChatIn(ability, m.sessionId)) navigate(`/inbox?new=${enc(phone)}&session=${enc(m.sessionId)}`);
          else toast.error(t('group.noPrivateChat', { name: senderLabel(m) ?? phone }));
        })
        .catch((err: unknown) => toast.error(errorText(err, t)));
    },
    [api, navigate, ability, toast, t, setDraft],
  );
}
