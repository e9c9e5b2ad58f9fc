/**
 * *Cambiar evento*: an event this account sent (an appointment) moved to another day or place,
 * renamed, or cancelled. The customer's WhatsApp shows the event changed, or *Cancelado*; the
 * answers already given stay. WhatsApp allows no change after a cancellation, so *Cancelar
 * evento* asks first. Both go to WhatsApp through the session at once (not the offline outbox):
 * a refusal is shown by the caller and the dialog stays open.
 */
import type { InboxMessageView } from '@switchboard/shared';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import type { NewEvent } from '../outbox/types.ts';
import { EventFormBody } from './NewEvent.tsx';
import { changedEvent, formOfEvent } from './newEvent.ts';

interface Props {
  /** The event to change (one of ours, not cancelled); null: closed. */
  message: InboxMessageView | null;
  chatName: string;
  onClose(): void;
  /** Sends the change, or the cancellation; rejects (reported by the caller) to keep the dialog open. */
  onChange(m: InboxMessageView, change: NewEvent | 'cancel'): Promise<void>;
}

export function ChangeEventDialog({ message, chatName, onClose, onChange }: Props) {
  const { t } = useI18n();
  // Asking before a cancellation: the dialog is about that alone.
  const [asking, setAsking] = useState(false);
  const close = () => {
    setAsking(false);
    onClose();
  };
  return (
    <Dialog
      open={message !== null}
      onClose={close}
      size="sm"
      title={t(asking ? 'changeEvent.cancel' : 'changeEvent.title')}
      description={asking ? undefined : t('changeEvent.description', { name: chatName })}
    >
      {message && <ChangeEventForm key={message.id} m={message} chatName={chatName} onChange={onChange} onDone={close} asking={asking} setAsking={setAsking} />}
    </Dialog>
  );
}

interface FormProps {
  m: InboxMessageView;
  chatName: string;
  onChange: Props['onChange'];
  onDone(): void;
  asking: boolean;
  setAsking(asking: boolean): void;
}

function ChangeEventForm({ m, chatName, onChange, onDone, asking, setAsking }: FormProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    try {
      await onChange(m, 'cancel');
      onDone();
    } catch {
      // Reported by the caller; the dialog stays open.
    } finally {
      setBusy(false);
    }
  };
  if (asking) {
    return (
      <div className="form">
        <Notice kind="warning">{t('changeEvent.cancelAsk', { name: chatName })}</Notice>
        <div className="dialog-inline-actions">
          <Button onClick={() => setAsking(false)}>{t('changeEvent.keep')}</Button>
          <Button variant="danger" icon="x" busy={busy} onClick={() => void cancel()}>
            {t('changeEvent.cancelConfirm')}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <EventFormBody
      initial={formOfEvent(m)}
      read={(f) => changedEvent(f, m, Date.now())}
      submitLabel={t('changeEvent.submit')}
      onSubmit={(event) => onChange(m, event)}
      onDone={onDone}
      extra={
        <Button variant="ghost" icon="x" className="new-event-cancel" onClick={() => setAsking(true)}>
          {t('changeEvent.cancel')}
        </Button>
      }
    />
  );
}
