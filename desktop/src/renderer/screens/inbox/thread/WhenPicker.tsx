/**
 * "When?": the times a person picks from all day — in an hour, in three, tomorrow or next Monday
 * at 9:00 — or any date and time. Shared by *Posponer* and *Programar envío*.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import type { IconName } from '../../../ui/Icon.tsx';
import { Button } from '../../../ui/Button.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { snoozePresets } from '../model/snooze.ts';

/** `datetime-local` value of a time, in local time. */
export function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** Props of WhenPicker. */
export interface WhenPickerProps {
  /** The custom time's button. */
  action: string;
  icon: IconName;
  /** Acts on the picked time (ms); rejecting keeps what was typed (the caller reports why). */
  onPick(at: number): Promise<void>;
}

/** The presets, then a custom date and time. */
export function WhenPicker({ action, icon, onPick }: WhenPickerProps) {
  const { t, fmt } = useI18n();
  const [busy, setBusy] = useState(false);
  const [custom, setCustom] = useState('');
  const [error, setError] = useState('');
  const now = Date.now();

  const run = async (at: number) => {
    setBusy(true);
    try {
      await onPick(at);
      setCustom('');
      setError('');
    } catch {
      /* reported by the caller */
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const at = custom ? new Date(custom).getTime() : Number.NaN;
    if (!Number.isFinite(at) || at <= Date.now()) {
      setError(t('when.pastTime'));
      return;
    }
    void run(at);
  };

  return (
    <>
      <ul className="snooze-presets">
        {snoozePresets(new Date(now)).map((p) => (
          <li key={p.key}>
            <button type="button" className="snooze-preset" disabled={busy} onClick={() => void run(p.at)}>
              <span className="snooze-preset-label">{t(`when.preset.${p.key}`)}</span>
              <span className="faint">{fmt.dateTime(p.at)}</span>
            </button>
          </li>
        ))}
      </ul>
      <form className="snooze-custom" onSubmit={submit}>
        <TextField
          label={t('when.custom')}
          type="datetime-local"
          value={custom}
          min={localInput(now + 60_000)}
          onChange={(e) => {
            setCustom(e.target.value);
            setError('');
          }}
          {...(error ? { error } : {})}
        />
        <Button type="submit" variant="primary" icon={icon} busy={busy} disabled={!custom}>
          {action}
        </Button>
      </form>
    </>
  );
}
