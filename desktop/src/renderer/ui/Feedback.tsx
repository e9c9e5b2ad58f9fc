/** Loading, empty and error states, so every screen says what is going on. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { Button } from './Button.tsx';
import { errorText } from './errors.ts';
import { Icon, type IconName } from './Icon.tsx';

/** A spinner with text for screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('state.loading')}</span>
    </div>
  );
}

/** Nothing to show (yet), with an optional action. */
export function EmptyState({ icon = 'info', title, children, action }: { icon?: IconName; title: ReactNode; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <Icon name={icon} size={28} />
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
      {action}
    </div>
  );
}

/** An error box with a retry. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-box" role="alert">
      <Icon name="alert" />
      <span>{errorText(error, t)}</span>
      {onRetry && (
        <Button size="sm" icon="refresh" onClick={onRetry}>
          {t('action.retry')}
        </Button>
      )}
    </div>
  );
}

/** An inline notice (info, warning, success). */
export function Notice({ kind = 'info', children }: { kind?: 'info' | 'warning' | 'success' | 'danger'; children: ReactNode }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'danger' || kind === 'warning' ? 'alert' : 'status'}>
      <Icon name={kind === 'success' ? 'check' : kind === 'info' ? 'info' : 'alert'} />
      <div>{children}</div>
    </div>
  );
}
