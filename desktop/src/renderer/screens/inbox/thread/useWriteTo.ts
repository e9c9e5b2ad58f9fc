/**
 * Writing to a number from a session: opens the number's own chat when the user may read it,
 * else — for those who may start conversations — *Nueva conversación* filled in with the number,
 * else says why not. Used by *Responder en privado* on a group member's message and by
 * *Enviar mensaje* on a contact card.
 */
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useAbility, useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { errorText } from '../../../ui/errors.ts';
import { useToast } from '../../../ui/Toasts.tsx';
import { inboxApi } from '../inboxApi.ts';
import { mayStartChatIn } from '../model/newChat.ts';

const enc = encodeURIComponent;

/** Where to write, and what to do just before the number's existing chat opens (a draft to leave in it). */
export interface WriteTarget {
  sessionId: string;
  /** Digits in international format. */
  phone: string;
  /** Who it is, for the message when the user may neither read their chat nor start one. */
  name: string;
  onExisting?: (chatId: string) => void;
}

export function useWriteTo(): (target: WriteTarget) => void {
  const api = useApi();
  const navigate = useNavigate();
  const ability = useAbility();
  const toast = useToast();
  const { t } = useI18n();
  return useCallback(
    ({ sessionId, phone, name, onExisting }: WriteTarget) => {
      const chatId = `${phone}@s.whatsapp.net`;
      inboxApi(api)
        .pickChats(sessionId, phone)
        .then((page) => {
          if (page.data.some((c) => c.id === chatId)) {
            onExisting?.(chatId);
            navigate(`/inbox/${enc(sessionId)}/${enc(chatId)}`);
          } else if (mayStartChatIn(ability, sessionId)) navigate(`/inbox?new=${enc(phone)}&session=${enc(sessionId)}`);
          else toast.error(t('group.noPrivateChat', { name }));
        })
        .catch((err: unknown) => toast.error(errorText(err, t)));
    },
    [api, navigate, ability, toast, t],
  );
}
