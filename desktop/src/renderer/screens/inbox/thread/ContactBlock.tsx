/**
 * Blocking a contact on WhatsApp for the session's account, as the phone's *Bloquear* does: in
 * *Datos del contacto* (asked first), and *Desbloquear* where the reply box says the contact is
 * blocked. For users who may change the chat (`update Chat`); everyone else reads that it is
 * blocked. The chat's `blocked` follows WhatsApp (`chat-update`), also for a block made on the
 * phone; what the user just did shows at once, before the event.
 */
import type { InboxChatView } from '@switchboard/shared';
import { useEffect, useState } from 'react';
import { on } from '../../../auth/ability.ts';
import { useAbility, useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ConfirmDialog } from '../../../ui/Dialog.tsx';
import { errorText } from '../../../ui/errors.ts';
import { useToast } from '../../../ui/Toasts.tsx';
import { inboxApi } from '../inboxApi.ts';

/** Whether the contact is blocked, whether the user may change it, and the change. */
function useBlock(chat: InboxChatView, name: string) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const may = useAbility().can('update', on('Chat', { sessionId: chat.sessionId, jid: chat.id }));
  const [busy, setBusy] = useState(false);
  // What WhatsApp answered the user, until the chat's own event says the same.
  const [answered, setAnswered] = useState<boolean | null>(null);
  useEffect(() => setAnswered(null), [chat.blocked]);
  const change = async (blocked: boolean): Promise<void> => {
    setBusy(true);
    try {
      const res = await inboxApi(api).setBlocked(chat.sessionId, chat.id, blocked);
      setAnswered(res.blocked);
      toast.success(t(res.blocked ? 'block.done' : 'block.undone', { name, session: chat.sessionName }));
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return { blocked: answered ?? chat.blocked, may, busy, change };
}

/** *Bloquear* in *Datos del contacto* (one-to-one chats). */
export function BlockSection({ chat, name }: { chat: InboxChatView; name: string }) {
  const { t } = useI18n();
  const { blocked, may, busy, change } = useBlock(chat, name);
  const [confirming, setConfirming] = useState(false);
  if (!may && !blocked) return null;
  return (
    <section className="contact-block" aria-labelledby="contact-block">
      <h3 id="contact-block">{t('block.title')}</h3>
      <p className="faint">{t(blocked ? 'block.blockedHint' : 'block.hint')}</p>
      {may &&
        (blocked ? (
          <Button size="sm" icon="ban" busy={busy} onClick={() => void change(false)}>
            {t('block.unblock')}
          </Button>
        ) : (
          <Button size="sm" variant="danger" icon="ban" onClick={() => setConfirming(true)}>
            {t('block.button')}
          </Button>
        ))}
      <ConfirmDialog
        open={confirming}
        title={t('block.confirmTitle', { name })}
        body={t('block.confirmBody', { name, session: chat.sessionName })}
        confirmLabel={t('block.confirm')}
        danger
        busy={busy}
        onConfirm={() => void change(true).then(() => setConfirming(false))}
        onClose={() => setConfirming(false)}
      />
    </section>
  );
}

/** Where the reply box would be, in a chat whose contact is blocked (notes still work). */
export function BlockedReplyNotice({ chat, name }: { chat: InboxChatView; name: string }) {
  const { t } = useI18n();
  const { may, busy, change } = useBlock(chat, name);
  return (
    <div className="composer-blocked">
      <p>{t('block.replyBlocked', { session: chat.sessionName })}</p>
      {may && (
        <Button size="sm" icon="ban" busy={busy} onClick={() => void change(false)}>
          {t('block.unblock')}
        </Button>
      )}
    </div>
  );
}
