/**
 * *Crear evento* in the reply box: an appointment (a fitting, a pick-up, a call) sent as a
 * WhatsApp event. The customer sees it with its day and place, can add it to their calendar and
 * answer *Asistiré*; their answer then counts in the thread (EventCard). It goes through the
 * offline outbox like any reply.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import { TextAreaField, TextField } from '../../../ui/Field.tsx';
import type { NewEvent } from '../outbox/types.ts';
import { blankEventForm, eventFromForm, type EventForm, type EventProblem } from './newEvent.ts';

interface Props {
  open: boolean;
  onClose(): void;
  chatName: string;
  /** Queues the event (the outbox sends it). */
  onSend(event: NewEvent): Promise<void>;
}

/** The dialog (ReplyTools opens it). */
export function NewEventDialog({ open, onClose, chatName, onSend }: Props) {
  const { t } = useI18n();
  return (
    <Dialog open={open} onClose={onClose} size="sm" title={t('newEvent.title')} description={t('newEvent.description', { name: chatName })}>
      {open && <NewEventForm onSend={onSend} onDone={onClose} />}
    </Dialog>
  );
}

function NewEventForm({ onSend, onDone }: { onSend: Props['onSend']; onDone(): void }) {
  const { t } = useI18n();
  return <EventFormBody initial={blankEventForm(Date.now())} read={(f) => eventFromForm(f, Date.now())} submitLabel={t('newEvent.submit')} onSubmit={onSend} onDone={onDone} />;
}

interface BodyProps {
  initial: EventForm;
  /** The event the form describes, or what is wrong with it. */
  read(form: EventForm): { event: NewEvent } | { problem: EventProblem };
  submitLabel: string;
  onSubmit(event: NewEvent): Promise<void>;
  onDone(): void;
  /** More actions, on a line of their own above the form's (ChangeEvent.tsx: *Cancelar evento*). */
  extra?: ReactNode;
}

/** An event's fields and its submit: *Crear evento*'s, and *Cambiar evento*'s (ChangeEvent.tsx). */
export function EventFormBody({ initial, read, submitLabel, onSubmit, onDone, extra }: BodyProps) {
  const { t } = useI18n();
  const [form, setForm] = useState<EventForm>(initial);
  const [problem, setProblem] = useState<EventProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<EventForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setProblem(null);
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const result = read(form);
    if ('problem' in result) {
      setProblem(result.problem);
      return;
    }
    setBusy(true);
    try {
      await onSubmit(result.event);
      onDone();
    } catch {
      // Reported by the caller; the dialog stays open.
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form new-event" onSubmit={(e) => void submit(e)}>
      <TextField label={t('newEvent.name')} hint={t('newEvent.nameHint')} value={form.name} maxLength={256} autoFocus onChange={(e) => set({ name: e.target.value })} />
      <div className="new-event-when">
        <TextField label={t('newEvent.day')} type="date" className="field-date" value={form.day} onChange={(e) => set({ day: e.target.value })} />
        <TextField label={t('newEvent.start')} type="time" value={form.start} onChange={(e) => set({ start: e.target.value })} />
        <TextField label={t('newEvent.end')} type="time" value={form.end} onChange={(e) => set({ end: e.target.value })} />
      </div>
      <TextField label={t('newEvent.place')} hint={t('newEvent.placeHint')} value={form.place} maxLength={256} onChange={(e) => set({ place: e.target.value })} />
      <TextAreaField label={t('newEvent.details')} value={form.description} maxLength={2048} rows={3} onChange={(e) => set({ description: e.target.value })} />
      {problem && <Notice kind="danger">{t(problem)}</Notice>}
      {extra && <div className="new-event-extra">{extra}</div>}
      <div className="dialog-inline-actions">
        <Button onClick={onDone}>{t('action.cancel')}</Button>
        <Button type="submit" variant="primary" icon="send" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
