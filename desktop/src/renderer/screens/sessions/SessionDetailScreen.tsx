/**
 * One session in depth: status and the actions on it, the linked account, the actor process
 * (pid, memory, restarts, heartbeat; live from `session-health`), activity counters, health
 * issues, the webhooks that receive its events and the classified connection timeline.
 */
import type { SessionDetailsView, SessionView } from '@switchboard/shared';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { on } from '../../auth/ability.ts';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { useNow, useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSocketEvent } from '../../realtime/RealtimeProvider.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorBox, Loading, Notice } from '../../ui/Feedback.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { MenuButton } from '../../ui/Menu.tsx';
import { PageHeader, Panel } from '../../ui/Page.tsx';
import { CauseText, StatusBadge } from '../../ui/StatusBadge.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText } from '../../ui/errors.ts';
import { LinkDialog } from './LinkDialog.tsx';
import { ConfirmSessionAction, RenameSessionDialog, type Confirming } from './SessionDialogs.tsx';
import { needsLink, phoneOf, sessionsApi } from './sessionsApi.ts';
import { SessionWebhooks } from './SessionWebhooks.tsx';
import { BusinessHoursPanel } from './BusinessHoursPanel.tsx';
import { Timeline } from './Timeline.tsx';

/** The session detail screen (`/sessions/:sessionId`). */
export function SessionDetailScreen() {
  const { sessionId = '' } = useParams();
  const { t, tn, fmt } = useI18n();
  const ability = useAbility();
  const api = sessionsApi(useApi());
  const toast = useToast();
  const navigate = useNavigate();
  const now = useNow(5000);
  const [linking, setLinking] = useState<SessionView | null>(null);
  const [renaming, setRenaming] = useState<SessionView | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const details = useResource((signal) => api.details(sessionId, signal), [sessionId]);

  useSocketEvent('connection-state', (e) => {
    if (e.sessionId === sessionId) details.reload();
  });
  useSocketEvent('session-health', (e) => {
    if (e.sessionId !== sessionId) return;
    details.mutate(
      (d) =>
        d && {
          ...d,
          status: e.status,
          pid: e.pid,
          process: d.process
            ? { ...d.process, restarts: e.restarts, lastHeartbeatAt: e.lastHeartbeatAt, rssBytes: e.rssBytes, eventLoopLagMs: e.eventLoopLagMs, lastError: e.lastError, lastDisconnectCause: e.lastDisconnectCause, outboxDepth: e.outboxDepth }
            : d.process,
        },
    );
  });

  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      toast.success(done);
      details.reload();
    } catch (err) {
      toast.error(errorText(err, t));
    }
  };

  const d: SessionDetailsView | undefined = details.data;
  if (details.error && !d) {
    return (
      <div className="page">
        <BackLink />
        <ErrorBox error={details.error} onRetry={details.reload} />
      </div>
    );
  }
  if (!d) return <Loading />;
  const canUpdate = ability.can('update', on('Session', { sessionId }));
  const canDelete = ability.can('delete', on('Session', { sessionId }));
  const p = d.process;
  const m = d.metrics;
  const phone = phoneOf(d.me?.id);

  return (
    <div className="page">
      <BackLink />
      <PageHeader
        title={d.name}
        description={
          <span className="detail-sub">
            <StatusBadge status={d.status} />
            <span className="mono">{d.sessionId}</span>
            {phone && <span className="mono">{phone}</span>}
          </span>
        }
        actions={
          canUpdate || canDelete ? (
            <>
              {canUpdate && needsLink(d) && (
                <Button variant="primary" icon="qr" onClick={() => setLinking(d)}>
                  {d.status === 'logged_out' || d.status === 'replaced' ? t('sessions.action.relink') : t('sessions.action.link')}
                </Button>
              )}
              {canUpdate && d.status === 'problematic' && (
                <Button icon="refresh" onClick={() => void run(() => api.resetAttempts(sessionId), t('sessions.reset.done'))}>
                  {t('sessions.action.resetAttempts')}
                </Button>
              )}
              {canUpdate && (d.status === 'stopped' || d.status === 'created') && !needsLink(d) && (
                <Button icon="play" onClick={() => void run(() => api.start(sessionId), t('sessions.start.done'))}>
                  {t('sessions.action.start')}
                </Button>
              )}
              <MenuButton
                label={t('action.more')}
                items={[
                  canUpdate && d.status !== 'stopped' && { label: t('sessions.action.stop'), icon: 'stop', onSelect: () => void run(() => api.stop(sessionId), t('sessions.stop.done')) },
                  canUpdate && { label: t('sessions.action.rename'), icon: 'edit', onSelect: () => setRenaming(d) },
                  canUpdate && d.me && { label: t('sessions.action.cleanup'), icon: 'logout', danger: true, onSelect: () => setConfirming({ kind: 'cleanup', session: d }) },
                  canDelete && { label: t('sessions.action.delete'), icon: 'trash', danger: true, onSelect: () => setConfirming({ kind: 'delete', session: d }) },
                ]}
              />
            </>
          ) : undefined
        }
      />
      {(d.status === 'logged_out' || d.status === 'replaced' || d.status === 'problematic') && (
        <Notice kind="danger">
          {d.status === 'logged_out' ? t('link.loggedOut') : d.status === 'replaced' ? t('link.replaced') : t('link.problematic')}
        </Notice>
      )}
      <div className="grid-3">
        <Panel title={t('detail.account')} id="account">
          <dl className="kv">
            <dt>{t('detail.phone')}</dt>
            <dd className="mono">{phone ?? t('sessions.notLinked')}</dd>
            <dt>{t('detail.pushName')}</dt>
            <dd>{d.me?.name ?? t('state.none')}</dd>
            <dt>{t('detail.created')}</dt>
            <dd>{fmt.dateTime(d.createdAt)}</dd>
            <dt>{t('detail.lastConnected')}</dt>
            <dd>{m.lastConnectedAt ? fmt.dateTime(m.lastConnectedAt) : t('state.never')}</dd>
          </dl>
        </Panel>
        <Panel title={t('detail.process')} id="process">
          {p && d.pid != null ? (
            <dl className="kv">
              <dt>{t('detail.pid')}</dt>
              <dd className="mono" data-testid="pid">
                {d.pid}
              </dd>
              <dt>{t('detail.rss')}</dt>
              <dd>{fmt.bytes(p.rssBytes)}</dd>
              <dt>{t('detail.lag')}</dt>
              <dd>{p.eventLoopLagMs != null ? `${fmt.number(Math.round(p.eventLoopLagMs))} ms` : t('state.none')}</dd>
              <dt>{t('detail.heartbeat')}</dt>
              <dd>{p.lastHeartbeatAt ? fmt.relative(p.lastHeartbeatAt, now) : t('state.never')}</dd>
              <dt>{t('detail.startedAt')}</dt>
              <dd>{p.startedAt ? fmt.dateTime(p.startedAt) : t('state.none')}</dd>
              <dt>{t('detail.restarts')}</dt>
              <dd>{fmt.number(p.restarts)}</dd>
            </dl>
          ) : (
            <p className="muted">
              <Icon name="power" size={14} /> {t('detail.notRunning')}
            </p>
          )}
          {p?.lastError && (
            <p className="faint">
              {t('detail.lastError')}: <span className="mono">{p.lastError}</span>
            </p>
          )}
        </Panel>
        <Panel title={t('detail.metrics')} id="metrics">
          <dl className="kv">
            <dt>{t('detail.received')}</dt>
            <dd>{fmt.number(m.messagesReceived)}</dd>
            <dt>{t('detail.sent')}</dt>
            <dd>{fmt.number(m.messagesSent)}</dd>
            {d.process?.outboxDepth != null && (
              <>
                <dt>{t('detail.outbox')}</dt>
                <dd data-testid="outbox-depth">{d.process.outboxDepth > 0 ? tn('detail.outboxWaiting', d.process.outboxDepth) : t('detail.outboxEmpty')}</dd>
              </>
            )}
            <dt>{t('detail.chats')}</dt>
            <dd>{fmt.number(m.chatCount)}</dd>
            <dt>{t('detail.attempts')}</dt>
            <dd>{fmt.number(m.connectionAttempts)}</dd>
            <dt>{t('detail.errors')}</dt>
            <dd>{fmt.number(m.errorCount)}</dd>
            <dt>{t('detail.health')}</dt>
            <dd>
              {d.health.healthy && !['logged_out', 'replaced', 'problematic'].includes(d.status) ? (
                t('detail.healthy')
              ) : (
                <>
                  {t('detail.issues')}
                  {d.health.issues.length > 0 && `: ${d.health.issues.join(', ')}`}
                </>
              )}
              {m.lastDisconnectCause && d.status !== 'connected' && (
                <div className="faint">
                  <CauseText cause={m.lastDisconnectCause} />
                </div>
              )}
            </dd>
          </dl>
        </Panel>
      </div>
      <BusinessHoursPanel sessionId={sessionId} sessionName={d.name} canUpdate={canUpdate} />
      <SessionWebhooks sessionId={sessionId} />
      <Timeline sessionId={sessionId} />
      <LinkDialog
        session={linking}
        onClose={() => {
          setLinking(null);
          details.reload();
        }}
      />
      <RenameSessionDialog
        session={renaming}
        onClose={() => setRenaming(null)}
        onDone={() => {
          setRenaming(null);
          details.reload();
        }}
      />
      <ConfirmSessionAction
        confirming={confirming}
        onClose={() => setConfirming(null)}
        onDone={() => (confirming?.kind === 'delete' ? navigate('/sessions') : details.reload())}
      />
    </div>
  );
}

/** Link back to the list. */
function BackLink() {
  const { t } = useI18n();
  return (
    <Link to="/sessions" className="back-link">
      <Icon name="chevronLeft" size={16} /> {t('detail.back')}
    </Link>
  );
}
