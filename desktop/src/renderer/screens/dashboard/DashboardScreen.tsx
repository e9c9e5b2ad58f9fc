/**
 * The dashboard: sessions at a glance by state (each a link to the filtered list), today's
 * messages, the last hour's message rate, alerts for sessions that need an operator, the
 * node's health (for those who may read it), recent activity and the team board (who is online,
 * how many chats each person has and how many wait for a reply), and on a new installation the
 * first steps to take. Live over Socket.IO: state
 * changes refresh the figures, messages feed the rate chart.
 */
import type { DashboardView, RatePoint, SessionStatus, SystemHealthView } from '@switchboard/shared';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { useNow, useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSocketEvent } from '../../realtime/RealtimeProvider.tsx';
import { ErrorBox, Loading } from '../../ui/Feedback.tsx';
import { Icon, type IconName } from '../../ui/Icon.tsx';
import { PageHeader, Panel } from '../../ui/Page.tsx';
import { Alerts } from './Alerts.tsx';
import { GettingStarted } from './GettingStarted.tsx';
import { HealthPanel } from './HealthPanel.tsx';
import { RateChart } from './RateChart.tsx';
import { RecentActivity } from './RecentActivity.tsx';
import { TeamPanel } from './TeamPanel.tsx';
import { window60 } from './rates.ts';

/** This device's zone, where *Mensajes hoy* starts at midnight. */
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** How long live traffic waits before the figures are read again. */
const TRAFFIC_RELOAD_MS = 3_000;

/** Status groups of the "at a glance" cards. */
const GROUPS: { key: 'connected' | 'reconnecting' | 'attention' | 'toLink' | 'stopped'; label: 'dash.connected' | 'dash.reconnecting' | 'dash.attention' | 'dash.toLink' | 'dash.stopped'; statuses: SessionStatus[]; tone: string; icon: IconName; filter: SessionStatus }[] = [
  { key: 'connected', label: 'dash.connected', statuses: ['connected'], tone: 'ok', icon: 'check', filter: 'connected' },
  { key: 'reconnecting', label: 'dash.reconnecting', statuses: ['reconnecting', 'connecting', 'starting'], tone: 'warn', icon: 'refresh', filter: 'reconnecting' },
  { key: 'attention', label: 'dash.attention', statuses: ['problematic', 'logged_out', 'replaced'], tone: 'bad', icon: 'alert', filter: 'logged_out' },
  { key: 'toLink', label: 'dash.toLink', statuses: ['qr', 'created'], tone: 'info', icon: 'qr', filter: 'qr' },
  { key: 'stopped', label: 'dash.stopped', statuses: ['stopped'], tone: 'neutral', icon: 'stop', filter: 'stopped' },
];

/** The dashboard screen. */
export function DashboardScreen() {
  const { t, fmt } = useI18n();
  const api = useApi();
  const ability = useAbility();
  const now = useNow(30_000);
  // *Mensajes hoy* from midnight in the reader's zone (the server's clock says when that was).
  const dash = useResource((signal) => api.get<DashboardView>('/api/admin/dashboard', { tz: TIME_ZONE }, { signal }), []);
  const canHealth = ability.can('read', 'System');
  const canTeam = ability.can('read', 'User');
  const health = useResource((signal) => (canHealth ? api.get<SystemHealthView>('/api/admin/system/health', undefined, { signal }) : Promise.resolve(undefined)), [canHealth]);
  const [rates, setRates] = useState<RatePoint[]>([]);
  const [updatedAt, setUpdatedAt] = useState(Date.now());

  useEffect(() => {
    if (dash.data) {
      setRates(window60(dash.data.rates ?? [], Date.now()));
      setUpdatedAt(Date.now());
    }
  }, [dash.data]);
  useEffect(() => setRates((r) => window60(r, now)), [now]);

  // A burst of state changes reloads the figures once.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reloadSoon = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      dash.reload();
      if (canHealth) health.reload();
    }, 800);
  };
  // Messages flowing reload the figures at most every few seconds: the server counts each message
  // once, in the minute of its time, however often it is announced again (an edit, a vote).
  const traffic = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const reloadForTraffic = () => {
    if (traffic.current !== undefined) return;
    traffic.current = setTimeout(() => {
      traffic.current = undefined;
      dash.reload();
    }, TRAFFIC_RELOAD_MS);
  };
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      clearTimeout(traffic.current);
    },
    [],
  );
  useSocketEvent('connection-state', reloadSoon);
  useSocketEvent('message', reloadForTraffic);
  useSocketEvent('message-sent', reloadForTraffic);

  const d = dash.data;
  if (dash.error && !d) {
    return (
      <div className="page">
        <PageHeader title={t('dash.title')} />
        <ErrorBox error={dash.error} onRetry={dash.reload} />
      </div>
    );
  }
  if (!d) return <Loading />;
  const count = (statuses: SessionStatus[]) => statuses.reduce((n, s) => n + (d.sessions.byStatus[s] ?? 0), 0);

  return (
    <div className="page">
      <PageHeader title={t('dash.title')} description={t('dash.description')} actions={<span className="faint">{t('dash.updated', { time: fmt.time(updatedAt) })}</span>} />
      <GettingStarted dash={d} />
      <section aria-labelledby="glance-title">
        <h2 id="glance-title" className="sr-only">
          {t('dash.sessions')}
        </h2>
        <div className="stat-grid">
          {GROUPS.map((g) => (
            <Link key={g.key} to={`/sessions?status=${g.filter}`} className={`stat stat-${g.tone}`} data-group={g.key}>
              <span className="stat-label">
                <Icon name={g.icon} size={14} /> {t(g.label)}
              </span>
              <span className="stat-value">{fmt.number(count(g.statuses))}</span>
            </Link>
          ))}
          {/* Today's messages open today's report (who answered, how fast). */}
          <Link to="/reports?period=today" className="stat" data-group="messages">
            <span className="stat-label">
              <Icon name="message" size={14} /> {t('dash.messagesToday')}
            </span>
            <span className="stat-value">{fmt.number(d.messagesToday.received + d.messagesToday.sent)}</span>
            <span className="faint">
              {t('dash.received')} {fmt.number(d.messagesToday.received)} · {t('dash.sent')} {fmt.number(d.messagesToday.sent)}
            </span>
          </Link>
          <div className="stat">
            <span className="stat-label">
              <Icon name="users" size={14} /> {t('dash.activeUsers')}
            </span>
            <span className="stat-value">{fmt.number(d.users.active)}</span>
            <span className="faint">
              {t('dash.assignments')}: {fmt.number(d.assignments)}
            </span>
          </div>
        </div>
      </section>
      <div className="grid-2">
        <Panel title={t('dash.rates')} id="rates">
          <p className="faint">{t('dash.ratesHelp')}</p>
          <RateChart points={rates} />
        </Panel>
        <Alerts alerts={d.alerts ?? []} />
      </div>
      <div className="grid-2">
        {canHealth ? <HealthPanel health={health.data} error={health.error} onRetry={health.reload} /> : canTeam && <TeamPanel />}
        <RecentActivity entries={d.recentActivity} canSeeAudit={ability.can('read', 'AuditLog')} />
      </div>
      {canHealth && canTeam && <TeamPanel />}
    </div>
  );
}
