/** The node's health: status, uptime, database, memory, email mode and the session processes. */
import type { SystemHealthView } from '@switchboard/shared';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorBox, Loading } from '../../ui/Feedback.tsx';
import { Panel } from '../../ui/Page.tsx';
import { Badge } from '../../ui/StatusBadge.tsx';

/** The health panel (only for users who may read System). */
export function HealthPanel({ health, error, onRetry }: { health: SystemHealthView | undefined; error: unknown; onRetry(): void }) {
  const { t, fmt } = useI18n();
  if (error && !health) {
    return (
      <Panel title={t('dash.health')} id="health">
        <ErrorBox error={error} onRetry={onRetry} />
      </Panel>
    );
  }
  if (!health) {
    return (
      <Panel title={t('dash.health')} id="health">
        <Loading />
      </Panel>
    );
  }
  const report = health.sessions;
  const actors = report?.sessions ?? [];
  const running = actors.filter((s) => s.pid !== null);
  const memory = running.reduce((n, s) => n + (s.rssBytes ?? 0), 0);
  const sick = actors.filter((s) => !s.healthy);
  return (
    <Panel title={t('dash.health')} id="health">
      <dl className="kv">
        <dt>{t('dash.health.status')}</dt>
        <dd>{health.status === 'ok' ? <Badge tone="ok">{t('dash.health.ok')}</Badge> : <Badge tone="bad">{t('dash.health.degraded')}</Badge>}</dd>
        <dt>{t('dash.health.uptime')}</dt>
        <dd>{fmt.duration(health.uptimeSeconds * 1000)}</dd>
        <dt>{t('dash.health.database')}</dt>
        <dd>{health.database.ok ? t('dash.health.dbOk') : <Badge tone="bad">{t('dash.health.dbDown')}</Badge>}</dd>
        <dt>{t('dash.health.memory')}</dt>
        <dd>
          RSS {fmt.bytes(health.memory.rssBytes)} · heap {fmt.bytes(health.memory.heapUsedBytes)}
        </dd>
        <dt>{t('dash.health.email')}</dt>
        <dd>{health.email.mode === 'smtp' ? t('dash.health.email.smtp') : t('dash.health.email.file')}</dd>
        <dt>{t('dash.health.actors')}</dt>
        <dd>{t('dash.health.actorsValue', { running: running.length, memory: fmt.bytes(memory) })}</dd>
        <dt>{t('dash.health.sick')}</dt>
        <dd>{sick.length === 0 ? '0' : sick.map((s) => `${s.sessionId} (${s.issues.join(', ')})`).join(' · ')}</dd>
      </dl>
    </Panel>
  );
}
