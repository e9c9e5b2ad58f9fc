/**
 * *Cambiar* a scheduled reply while it waits: its text, its time, or both — the text is saved
 * as it is with *Guardar texto*, or with a new time picked below.
 */
import { textWithMentionNames, type ScheduledMessageView } from '@switchboard/shared';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { TextAreaField } from '../../../ui/Field.tsx';
import { writeMentions } from '../thread/replyMentions.ts';
import { WhenPicker } from '../thread/WhenPicker.tsx';
import { whenPhrase } from './whenPhrase.ts';

/** Longest text (as the server takes it). */
const TEXT_MAX = 4096;

/** Props of EditScheduledDialog (closed when `item` is null). */
export interface EditScheduledDialogProps {
  item: ScheduledMessageView | null;
  onClose(): void;
  /** Saves the change (rejecting keeps the dialog open: the caller reports why). */
  onSave(change: { text: string; sendAt?: number }): Promise<void>;
}

/** The dialog. */
export function EditScheduledDialog({ item, onClose, onSave }: EditScheduledDialogProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  // Mentions read by name while editing (`@Carla Vidal`), and go back to `@digits` when saved.
  useEffect(() => setText(item ? textWithMentionNames(item.text, item.mentions) : ''), [item?.id]);
  const save = async (sendAt?: number) => {
    setBusy(true);
    try {
      const written = writeMentions(text.trim(), new Map((item?.mentions ?? []).map((m) => [m.jid, m.name ?? m.user])));
      await onSave({ text: written.text, ...(sendAt !== undefined ? { sendAt } : {}) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={item !== null} onClose={onClose} title={t('scheduled.editTitle')} description={item ? t('scheduled.editDescription', { when: whenPhrase(item.sendAt, Date.now(), i18n) }) : undefined} size="sm">
      {item && (
        <>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              void save().catch(() => undefined);
            }}
          >
            <TextAreaField label={t('scheduled.message')} rows={3} maxLength={TEXT_MAX} required value={text} onChange={(e) => setText(e.target.value)} />
            <div className="dialog-inline-actions">
              <Button onClick={onClose}>{t('action.close')}</Button>
              <Button type="submit" variant="primary" busy={busy} disabled={!text.trim()}>
                {t('scheduled.saveText')}
              </Button>
            </div>
          </form>
          <h3 className="scheduled-edit-when">{t('scheduled.otherTime')}</h3>
          <WhenPicker action={t('scheduled.changeTime')} icon="calendar" onPick={(at) => (text.trim() ? save(at) : Promise.reject(new Error('empty')))} />
        </>
      )}
    </Dialog>
  );
}
