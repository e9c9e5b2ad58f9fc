/**
 * "Posponer": put the conversation aside until a time — in an hour, in three, tomorrow or next
 * Monday at 9:00, or any date and time. It leaves the lists and the needs-reply badge until
 * then, and comes back earlier if the customer writes.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { snoozePresets } from '../model/snooze.ts';

/** `datetime-local` value of a time, in local time. */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** The dialog; `onSnooze` puts the chat aside (rejecting keeps the dialog open). */
export function SnoozeDialog({ open, title, onClose, onSnooze }: { open: boolean; title: string; onClose(): void; onSnooze(until: number): Promise<void> }) {
  const { t, fmt } = useI18n();
  const [busy, setBusy] = useState(false);
  const [custom, setCustom] = useState('');
  const [error, setError] = useState('');
  const now = Date.now();
  const presets = open ? snoozePresets(new Date(now)) : [];

  const run = async (until: number) => {
    setBusy(true);
    try {
      await onSnooze(until);
      setCustom('');
      setError('');
    } catch {
      /* reported by the caller; the dialog stays open */
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const until = custom ? new Date(custom).getTime() : Number.NaN;
    if (!Number.isFinite(until) || until <= Date.now()) {
      setError(t('snooze.pastTime'));
      return;
    }
    void run(until);
  };

  return (
    <Dialog open={open} onClose={onClose} title={t('snooze.title', { name: title })} description={t('snooze.description')} size="sm">
      <ul className="snooze-presets">
        {presets.map((p) => (
          <li key={p.key}>
            <button type="button" className="snooze-preset" disabled={busy} onClick={() => void run(p.at)}>
              <span className="snooze-preset-label">{t(`snooze.preset.${p.key}`)}</span>
              <span className="faint">{fmt.dateTime(p.at)}</span>
            </button>
          </li>
        ))}
      </ul>
      <form className="snooze-custom" onSubmit={submit}>
        <TextField
          label={t('snooze.custom')}
          type="datetime-local"
          value={custom}
          min={localInput(now + 60_000)}
          onChange={(e) => {
            setCustom(e.target.value);
            setError('');
          }}
          {...(error ? { error } : {})}
        />
        <Button type="submit" variant="primary" icon="clock" busy={busy} disabled={!custom}>
          {t('snooze.action')}
        </Button>
      </form>
    </Dialog>
  );
}
