/** Sessions that need an operator, with the cause and since when, each linking to its fix. */
import type { AlertView } from '@switchboard/shared';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { EmptyState } from '../../ui/Feedback.tsx';
import { Panel } from '../../ui/Page.tsx';
import { CauseText, StatusBadge } from '../../ui/StatusBadge.tsx';

/** The alerts panel. */
export function Alerts({ alerts }: { alerts: AlertView[] }) {
  const { t, fmt } = useI18n();
  return (
    <Panel title={t('dash.alerts')} id="alerts">
      {alerts.length === 0 ? (
        <EmptyState icon="check" title={t('dash.alertsNone')} />
      ) : (
        <ul className="alert-list">
          {alerts.map((a) => (
            <li key={a.sessionId} className="alert-item">
              <div>
                <div className="cell-title">{a.name}</div>
                <div className="cell-sub">
                  <CauseText cause={a.cause} />
                  {a.since && ` · ${t('dash.alertSince', { time: fmt.relative(a.since) })}`}
                </div>
              </div>
              <StatusBadge status={a.status} />
              <Link className="btn btn-secondary btn-sm" to={`/sessions/${encodeURIComponent(a.sessionId)}`}>
                {t('dash.resolve')}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
