/** How the sends of a message to several conversations stand: a bar and the counts (the dialog's progress, and each line of the recent ones). */
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { aroundPhrase } from '../scheduled/whenPhrase.ts';
import type { BroadcastTally } from './broadcast.ts';

/** `lastAt`: when the last waiting send goes (ms); `children` go after the counts (e.g. *Detener los que faltan*). */
export function BroadcastTallyView({ tally, lastAt, live, children }: { tally: BroadcastTally; lastAt: number; live?: boolean; children?: ReactNode }) {
  const i18n = useI18n();
  const { t } = i18n;
  const total = tally.sent + tally.waiting + tally.failed + tally.cancelled;
  return (
    <div className="bulk-progress" {...(live ? { role: 'status' } : {})}>
      <progress max={total} value={total - tally.waiting} aria-label={t('broadcast.progressLabel')} />
      <strong>{t('broadcast.sent', { sent: String(tally.sent), total: String(total) })}</strong>
      {tally.waiting > 0 ? <span>{t('broadcast.waiting', { count: String(tally.waiting), when: aroundPhrase(lastAt, Date.now(), i18n) })}</span> : tally.sent === total && <span>{t('broadcast.allSent')}</span>}
      {tally.failed > 0 && <span className="form-error">{t('broadcast.failed', { count: String(tally.failed) })}</span>}
      {tally.cancelled > 0 && <span>{t('broadcast.cancelled', { count: String(tally.cancelled) })}</span>}
      {children}
    </div>
  );
}
