/**
 * *Crear encuesta* in the reply box: a question and 2 to 12 options the customer (or a group)
 * answers with a tap, one each or several; their votes then count in the thread (PollCard). It
 * goes through the offline outbox like any reply.
 */
import { MAX_POLL_OPTIONS } from '@switchboard/shared';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { Button, IconButton } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import { CheckboxField, TextField } from '../../../ui/Field.tsx';
import type { NewPoll } from '../outbox/types.ts';

interface Props {
  open: boolean;
  onClose(): void;
  chatName: string;
  /** Queues the poll (the outbox sends it). */
  onSend(poll: NewPoll): Promise<void>;
}

/** The dialog (ReplyTools opens it). */
export function NewPollDialog({ open, onClose, chatName, onSend }: Props) {
  const { t } = useI18n();
  return (
    <Dialog open={open} onClose={onClose} size="sm" title={t('newPoll.title')} description={t('newPoll.description', { name: chatName })}>
      {open && <NewPollForm onSend={onSend} onDone={onClose} />}
    </Dialog>
  );
}

/** What is wrong with a poll as typed, as a message key (null when it can go). */
export function pollProblem(name: string, options: readonly string[]): 'newPoll.noQuestion' | 'newPoll.fewOptions' | 'newPoll.sameOption' | null {
  const filled = options.map((o) => o.trim()).filter(Boolean);
  if (!name.trim()) return 'newPoll.noQuestion';
  if (filled.length < 2) return 'newPoll.fewOptions';
  if (new Set(filled.map((o) => o.toLowerCase())).size !== filled.length) return 'newPoll.sameOption';
  return null;
}

function NewPollForm({ onSend, onDone }: { onSend: Props['onSend']; onDone(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [options, setOptions] = useState(['', '']);
  const [multiple, setMultiple] = useState(false);
  const [problem, setProblem] = useState<ReturnType<typeof pollProblem>>(null);
  const [busy, setBusy] = useState(false);
  const setOption = (i: number, value: string) => {
    setOptions((all) => all.map((o, j) => (j === i ? value : o)));
    setProblem(null);
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const found = pollProblem(name, options);
    setProblem(found);
    if (found) return;
    setBusy(true);
    try {
      await onSend({ name: name.trim(), options: options.map((o) => o.trim()).filter(Boolean), multiple });
      onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form new-poll" onSubmit={(e) => void submit(e)}>
      <TextField
        label={t('newPoll.question')}
        value={name}
        maxLength={255}
        autoFocus
        onChange={(e) => {
          setName(e.target.value);
          setProblem(null);
        }}
      />
      <fieldset className="new-poll-options">
        <legend>{t('newPoll.options')}</legend>
        {options.map((o, i) => (
          <div key={i} className="new-poll-option">
            <input className="input" value={o} maxLength={100} aria-label={t('newPoll.option', { n: i + 1 })} placeholder={t('newPoll.option', { n: i + 1 })} onChange={(e) => setOption(i, e.target.value)} />
            {options.length > 2 && <IconButton icon="x" size="sm" label={t('newPoll.remove', { n: i + 1 })} onClick={() => setOptions((all) => all.filter((_, j) => j !== i))} />}
          </div>
        ))}
        {options.length < MAX_POLL_OPTIONS && (
          <Button size="sm" variant="ghost" icon="plus" onClick={() => setOptions((all) => [...all, ''])}>
            {t('newPoll.add')}
          </Button>
        )}
      </fieldset>
      <CheckboxField label={t('newPoll.multiple')} checked={multiple} onChange={(e) => setMultiple(e.target.checked)} />
      {problem && <Notice kind="danger">{t(problem)}</Notice>}
      <div className="dialog-inline-actions">
        <Button onClick={onDone}>{t('action.cancel')}</Button>
        <Button type="submit" variant="primary" icon="send" busy={busy}>
          {t('newPoll.submit')}
        </Button>
      </div>
    </form>
  );
}
