/** The last actions recorded in the audit log, in words: who did what, to what, when. */
import type { DashboardView } from '@switchboard/shared';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.tsx';
import { EmptyState } from '../../ui/Feedback.tsx';
import { Panel } from '../../ui/Page.tsx';
import { auditActionLabel } from '../audit/auditActions.ts';

/** The recent-activity panel. */
export function RecentActivity({ entries, canSeeAudit }: { entries: DashboardView['recentActivity']; canSeeAudit: boolean }) {
  const { t, fmt } = useI18n();
  return (
    <Panel
      title={t('dash.activity')}
      id="activity"
      actions={
        canSeeAudit ? (
          <Link to="/audit" className="btn btn-ghost btn-sm">
            {t('dash.seeAudit')}
          </Link>
        ) : undefined
      }
    >
      {entries.length === 0 ? (
        <EmptyState icon="list" title={t('dash.activityNone')} />
      ) : (
        <ul className="activity-list">
          {entries.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <span>
                <strong>{e.userName ?? t('dash.system')}</strong> <span className="muted">{auditActionLabel(t, e.action).toLowerCase()}</span>
                {e.targetType === 'Session' && e.targetId && (
                  <>
                    {' '}
                    <Link to={`/sessions/${encodeURIComponent(e.targetId)}`}>{e.targetId}</Link>
                  </>
                )}
              </span>
              <time dateTime={e.at} className="faint" title={fmt.dateTime(e.at)}>
                {fmt.relative(e.at)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
