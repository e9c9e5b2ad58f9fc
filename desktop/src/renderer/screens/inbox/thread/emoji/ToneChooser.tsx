/** The picker's skin-tone choice: a hand in the current tone that opens the six (remembered on this device). */
import { useState } from 'react';
import { useI18n } from '../../../../i18n/index.tsx';
import { TONE_SAMPLES } from './skinTone.ts';

const TONES = [0, 1, 2, 3, 4, 5] as const;

/** The tone button, or the six tones while choosing. */
export function ToneChooser({ tone, onChange }: { tone: number; onChange(tone: number): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (!open) {
    const name = t('emoji.tone', { name: t(`emoji.tone.${TONES[tone] ?? 0}`) });
    return (
      <button type="button" className="emoji emoji-tone" aria-label={name} title={name} aria-expanded={false} onClick={() => setOpen(true)}>
        {TONE_SAMPLES[tone]}
      </button>
    );
  }
  return (
    <div className="emoji-tones" role="radiogroup" aria-label={t('emoji.tones')}>
      {TONES.map((i) => (
        <button
          key={i}
          type="button"
          role="radio"
          className="emoji"
          aria-checked={i === tone}
          aria-label={t(`emoji.tone.${i}`)}
          title={t(`emoji.tone.${i}`)}
          onClick={() => {
            onChange(i);
            setOpen(false);
          }}
        >
          {TONE_SAMPLES[i]}
        </button>
      ))}
    </div>
  );
}
