/**
 * *Mensajes a varias conversaciones* in *Datos del contacto*: whether the contact gets the
 * messages the team sends to many chats at once (BroadcastDialog), and why not — they wrote
 * «BAJA» (the actor noticed), or the team decided. Whoever may answer the chat may leave them
 * out; taking them back in (when the customer asks) is for who may change the chat.
 */
import type { ChatOptOutView, InboxChatView } from '@switchboard/shared';
import { useState } from 'react';
import { on } from '../../../auth/ability.ts';
import { useAbility, useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { errorText } from '../../../ui/errors.ts';
import { useToast } from '../../../ui/Toasts.tsx';
import { inboxApi } from '../inboxApi.ts';
import { useInbox } from '../InboxProvider.tsx';

/** Why `o` leaves the contact out, in words. */
export function optOutReason(o: ChatOptOutView, t: ReturnType<typeof useI18n>['t'], fmt: ReturnType<typeof useI18n>['fmt']): string {
  return o.byCustomer && o.word ? t('optOut.byCustomer', { word: o.word, when: fmt.date(o.at) }) : t('optOut.byTeam', { when: fmt.date(o.at) });
}

/** The section (one-to-one chats). */
export function OptOutSection({ chat, name }: { chat: InboxChatView; name: string }) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const toast = useToast();
  const inbox = useInbox();
  const ability = useAbility();
  const mayLeaveOut = ability.can('send', on('Message', { sessionId: chat.sessionId, chatId: chat.id }));
  const mayTakeBack = ability.can('update', on('Chat', { sessionId: chat.sessionId, jid: chat.id }));
  const [busy, setBusy] = useState(false);
  const { optedOut } = chat;

  const change = async (out: boolean) => {
    setBusy(true);
    try {
      const res = await inboxApi(api).setOptedOut(chat.sessionId, chat.id, out);
      // Into the inbox's copy of the chat (this section reads it): a message to several picked next knows at once.
      inbox.dispatch({ type: 'event/chat', sessionId: chat.sessionId, chatId: chat.id, optedOut: res.optedOut });
      toast.success(t(out ? 'optOut.done' : 'optOut.undone', { name }));
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="contact-opt-out" aria-labelledby="contact-opt-out">
      <h3 id="contact-opt-out">{t('optOut.title')}</h3>
      <p className="faint">{optedOut ? optOutReason(optedOut, t, fmt) : t('optOut.gets')}</p>
      {optedOut
        ? mayTakeBack && (
            <Button size="sm" icon="send" busy={busy} onClick={() => void change(false)}>
              {t('optOut.takeBack')}
            </Button>
          )
        : mayLeaveOut && (
            <Button size="sm" icon="ban" busy={busy} onClick={() => void change(true)}>
              {t('optOut.leaveOut')}
            </Button>
          )}
    </section>
  );
}
