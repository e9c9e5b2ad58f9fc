/**
 * Correcting what was sent: *Editar* a text (WhatsApp allows 15 minutes) and *Eliminar para
 * todos* (about two days). Both go to WhatsApp through the session; the thread then shows the
 * message edited or deleted (its `message` event). A refusal (too late, the session offline)
 * is shown and the dialog stays open.
 */
import { MESSAGE_EDIT_WINDOW_MS, MESSAGE_REVOKE_WINDOW_MS, isOnWhatsApp, type InboxMessageView } from '@switchboard/shared';
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ConfirmDialog, Dialog } from '../../../ui/Dialog.tsx';
import { TextAreaField } from '../../../ui/Field.tsx';

/** What the author may still do with a message of ours (`now` in ms). */
export function ownMessageActions(m: InboxMessageView, now: number): { edit: boolean; remove: boolean } {
  if (!m.fromMe || m.revokedAt !== undefined || !isOnWhatsApp(m.status) || m.kind === 'reaction') return { edit: false, remove: false };
  const age = now - m.timestamp;
  // An event may be changed (ChangeEvent.tsx) at any time until it is cancelled, as on the phone.
  const edit = m.kind === 'event' ? !m.event?.canceled : m.kind === 'text' && age <= MESSAGE_EDIT_WINDOW_MS;
  return { edit, remove: age <= MESSAGE_REVOKE_WINDOW_MS };
}

/** The edit dialog; `onSave` rejects to keep it open. */
export function EditMessageDialog({ message, onClose, onSave }: { message: InboxMessageView | null; onClose(): void; onSave(m: InboxMessageView, text: string): Promise<void> }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => setText(message?.text ?? ''), [message]);
  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!message || !text.trim() || text === message.text) return;
    setBusy(true);
    try {
      await onSave(message, text);
    } catch {
      /* reported by the caller; the dialog stays open */
    } finally {
      setBusy(false);
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey) void save(e);
  };
  return (
    <Dialog
      open={message !== null}
      onClose={onClose}
      size="sm"
      title={t('msg.editTitle')}
      description={t('msg.editHint')}
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="primary" busy={busy} disabled={!text.trim() || text === message?.text} onClick={() => void save()}>
            {t('action.save')}
          </Button>
        </>
      }
    >
      <form onSubmit={(e) => void save(e)}>
        <TextAreaField label={t('msg.editLabel')} value={text} rows={4} maxLength={4096} autoFocus onChange={(e) => setText(e.target.value)} onKeyDown={onKey} />
      </form>
    </Dialog>
  );
}

/** Asks before deleting a message for everyone; `onDelete` rejects to keep it open. */
export function DeleteMessageDialog({ message, onClose, onDelete }: { message: InboxMessageView | null; onClose(): void; onDelete(m: InboxMessageView): Promise<void> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!message) return;
    setBusy(true);
    try {
      await onDelete(message);
    } catch {
      /* reported by the caller */
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open={message !== null}
      title={t('msg.deleteTitle')}
      body={t('msg.deleteBody')}
      confirmLabel={t('msg.deleteConfirm')}
      danger
      busy={busy}
      onConfirm={() => void confirm()}
      onClose={onClose}
    />
  );
}
