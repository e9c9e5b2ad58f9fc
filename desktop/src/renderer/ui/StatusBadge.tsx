/** A session's status as a badge: colour plus an icon plus words (never colour alone). */
import type { DisconnectCause, SessionStatus } from '@switchboard/shared';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { Icon, type IconName } from './Icon.tsx';

/** How a status reads at a glance. */
export type Tone = 'ok' | 'warn' | 'bad' | 'neutral' | 'info';

/** The tone of a session status. */
export function statusTone(s: SessionStatus): Tone {
  switch (s) {
    case 'connected':
      return 'ok';
    case 'reconnecting':
    case 'connecting':
    case 'starting':
      return 'warn';
    case 'qr':
      return 'info';
    case 'logged_out':
    case 'replaced':
    case 'problematic':
      return 'bad';
    default:
      return 'neutral';
  }
}

const ICONS: Record<Tone, IconName> = { ok: 'check', warn: 'refresh', bad: 'alert', neutral: 'stop', info: 'qr' };

/** The status badge of a session. */
export function StatusBadge({ status }: { status: SessionStatus }) {
  const { t } = useI18n();
  const tone = statusTone(status);
  return (
    <span className={`badge badge-${tone}`} data-status={status}>
      <Icon name={ICONS[tone]} size={12} />
      {t(`status.${status}`)}
    </span>
  );
}

/** A disconnect cause in words. */
export function CauseText({ cause }: { cause: DisconnectCause | null | undefined }) {
  const { t } = useI18n();
  if (!cause) return <>{t('state.none')}</>;
  return <>{t(`cause.${cause}`)}</>;
}

/** A small neutral badge. */
export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
