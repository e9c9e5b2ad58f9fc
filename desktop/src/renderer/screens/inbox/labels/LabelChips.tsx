/** A chat's labels as small coloured chips (labels this console does not know yet are skipped). */
import type { LabelView } from '@switchboard/shared';
import { useI18n } from '../../../i18n/index.tsx';

/** Props of LabelChips. */
export interface LabelChipsProps {
  ids: readonly string[];
  labelsById: ReadonlyMap<string, LabelView>;
  /** Shows at most this many, then "+n". */
  max?: number;
}

/** The chips, or nothing when the chat has no known label. */
export function LabelChips({ ids, labelsById, max = Infinity }: LabelChipsProps) {
  const { t } = useI18n();
  const known = ids.map((id) => labelsById.get(id)).filter((l): l is LabelView => l !== undefined);
  if (known.length === 0) return null;
  const shown = known.slice(0, max);
  const rest = known.length - shown.length;
  return (
    <span className="label-chips" role="group" aria-label={t('labels.on', { names: known.map((l) => l.name).join(', ') })}>
      {shown.map((l) => (
        <span key={l.id} className="label-chip" data-color={l.color} aria-hidden="true">
          {l.name}
        </span>
      ))}
      {rest > 0 && (
        <span className="label-chip" data-color="gray" aria-hidden="true">
          +{rest}
        </span>
      )}
    </span>
  );
}
