/**
 * The sessions console: every WhatsApp account with its live status, search, filter and sort;
 * create and link (QR or pairing code); and the actions an operator needs (relink in place,
 * start/stop, reset attempts, log out, rename, delete). Only actions the user may perform are
 * shown. Statuses update live from Socket.IO.
 */
import { SESSION_STATUSES, type SessionStatus, type SessionView } from '@switchboard/shared';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useOpenFromUrl } from '../../ui/useOpenFromUrl.ts';
import { on } from '../../auth/ability.ts';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { useDebounced, useNow, useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useRealtime, useSocketEvent } from '../../realtime/RealtimeProvider.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState, ErrorBox, Loading } from '../../ui/Feedback.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { MenuButton } from '../../ui/Menu.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { CauseText, StatusBadge } from '../../ui/StatusBadge.tsx';
import { DataTable, Pager, type Column, type SortState } from '../../ui/Table.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText } from '../../ui/errors.ts';
import { LinkDialog } from './LinkDialog.tsx';
import { CleanupInactiveDialog, ConfirmSessionAction, CreateSessionDialog, RenameSessionDialog, type Confirming } from './SessionDialogs.tsx';
import { needsLink, phoneOf, sessionsApi } from './sessionsApi.ts';

const PAGE = 50;

/** The sessions list screen. */
export function SessionsScreen() {
  const { t, fmt } = useI18n();
  const ability = useAbility();
  const api = useApi();
  const sapi = sessionsApi(api);
  const toast = useToast();
  const navigate = useNavigate();
  const realtime = useRealtime();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const status = (params.get('status') ?? '') as SessionStatus | '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [sort, setSort] = useState<SortState>({ key: 'name', order: 'asc' });
  const query = useDebounced(q, 250);
  const [linking, setLinking] = useState<SessionView | null>(null);
  const [renaming, setRenaming] = useState<SessionView | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [creating, setCreating] = useState(false);
  useOpenFromUrl('new', ability.can('create', 'Session'), () => setCreating(true));
  const [cleaning, setCleaning] = useState(false);
  useNow(30_000);

  const list = useResource(
    (signal) => sapi.list({ q: query, status, page, limit: PAGE, sort: sort.key, order: sort.order }, signal).then((p) => (realtime.seed(p.data), p)),
    [query, status, page, sort.key, sort.order],
  );

  const patch = (sessionId: string, fn: (s: SessionView) => SessionView) =>
    list.mutate((p) => p && { ...p, data: p.data.map((s) => (s.sessionId === sessionId ? fn(s) : s)) });
  useSocketEvent('connection-state', (e) =>
    patch(e.sessionId, (s) => ({ ...s, status: e.status, ...(e.me?.id ? { me: { id: e.me.id, lid: e.me.lid ?? null, name: e.me.name ?? null } } : {}), ...(e.cause && s.summary ? { summary: { ...s.summary, lastDisconnectCause: e.cause } } : {}) })),
  );
  useSocketEvent('session-health', (e) => patch(e.sessionId, (s) => (s.summary ? { ...s, status: e.status, summary: { ...s.summary, pid: e.pid, restarts: e.restarts } } : { ...s, status: e.status })));

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next, { replace: true });
  };

  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      toast.success(done);
      list.reload();
    } catch (err) {
      toast.error(errorText(err, t));
    }
  };

  const can = (action: 'update' | 'delete', s: SessionView) => ability.can(action, on('Session', { sessionId: s.sessionId }));

  const columns: Column<SessionView>[] = [
    {
      key: 'name',
      header: t('sessions.col.name'),
      sortable: true,
      cell: (s) => (
        <div>
          <Link className="cell-title" to={`/sessions/${encodeURIComponent(s.sessionId)}`}>
            {s.name}
          </Link>
          <div className="cell-sub mono">{s.sessionId}</div>
        </div>
      ),
    },
    {
      key: 'status',
      header: t('sessions.col.status'),
      sortable: true,
      cell: (s) => (
        <div className="cell-status">
          <StatusBadge status={s.status} />
          {/* Awaiting a link, the last close is only the previous QR running out; stopped, it is not
              why the session stands still: neither is worth a line. */}
          {s.status !== 'connected' && s.status !== 'qr' && s.status !== 'stopped' && s.summary?.lastDisconnectCause && (
            <span className="cell-sub">
              <CauseText cause={s.summary.lastDisconnectCause} />
              {s.problematicSince ? ` · ${t('sessions.since', { time: fmt.relative(s.problematicSince) })}` : ''}
            </span>
          )}
        </div>
      ),
    },
    { key: 'phone', header: t('sessions.col.phone'), cell: (s) => <span className="mono">{phoneOf(s.me?.id) ?? <span className="muted">{t('sessions.notLinked')}</span>}</span> },
    {
      key: 'lastActivity',
      header: t('sessions.col.activity'),
      sortable: true,
      cell: (s) => (s.summary?.lastActivityAt ? <time dateTime={s.summary.lastActivityAt} title={fmt.dateTime(s.summary.lastActivityAt)}>{fmt.relative(s.summary.lastActivityAt)}</time> : <span className="muted">{t('sessions.noMessages')}</span>),
    },
    { key: 'messages', header: t('sessions.col.messages'), className: 'num', cell: (s) => (s.summary ? `${fmt.number(s.summary.messagesReceived)} / ${fmt.number(s.summary.messagesSent)}` : '—') },
    { key: 'restarts', header: t('sessions.col.restarts'), className: 'num col-wide', cell: (s) => (s.summary ? fmt.number(s.summary.restarts) : '—') },
    {
      key: 'actions',
      header: <span className="sr-only">{t('sessions.col.actions')}</span>,
      className: 'actions',
      cell: (s) => (
        <>
          {can('update', s) && needsLink(s) && (
            <Button size="sm" variant="primary" icon="qr" onClick={() => setLinking(s)}>
              {s.status === 'logged_out' || s.status === 'replaced' ? t('sessions.action.relink') : t('sessions.action.link')}
            </Button>
          )}
          <MenuButton
            label={`${t('action.more')}: ${s.name}`}
            items={[
              { label: t('sessions.action.details'), icon: 'info', onSelect: () => navigate(`/sessions/${encodeURIComponent(s.sessionId)}`) },
              can('update', s) && !needsLink(s) && s.status !== 'stopped' && { label: t('sessions.action.link'), icon: 'qr', onSelect: () => setLinking(s) },
              can('update', s) && s.status === 'problematic' && { label: t('sessions.action.resetAttempts'), icon: 'refresh', onSelect: () => void run(() => sapi.resetAttempts(s.sessionId), t('sessions.reset.done')) },
              can('update', s) && (s.status === 'stopped' || s.status === 'created') && { label: t('sessions.action.start'), icon: 'play', onSelect: () => void run(() => sapi.start(s.sessionId), t('sessions.start.done')) },
              can('update', s) && s.status !== 'stopped' && { label: t('sessions.action.stop'), icon: 'stop', onSelect: () => void run(() => sapi.stop(s.sessionId), t('sessions.stop.done')) },
              can('update', s) && { label: t('sessions.action.rename'), icon: 'edit', onSelect: () => setRenaming(s) },
              can('update', s) && s.me && { label: t('sessions.action.cleanup'), icon: 'logout', danger: true, onSelect: () => setConfirming({ kind: 'cleanup', session: s }) },
              can('delete', s) && { label: t('sessions.action.delete'), icon: 'trash', danger: true, onSelect: () => setConfirming({ kind: 'delete', session: s }) },
            ]}
          />
        </>
      ),
    },
  ];

  const data = list.data;
  return (
    <div className="page">
      <PageHeader
        title={t('sessions.title')}
        description={t('sessions.description')}
        actions={
          <>
            {ability.can('delete', 'Session') && (
              <Button icon="trash" onClick={() => setCleaning(true)}>
                {t('sessions.cleanupInactive')}
              </Button>
            )}
            {ability.can('create', 'Session') && (
              <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
                {t('sessions.new')}
              </Button>
            )}
          </>
        }
      />
      <div className="toolbar" role="search">
        <div className="search-input">
          <Icon name="search" />
          <input className="input" type="search" aria-label={t('sessions.search')} placeholder={t('sessions.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <select className="input select-inline" aria-label={t('sessions.filterStatus')} value={status} onChange={(e) => setFilter('status', e.target.value)}>
          <option value="">{t('sessions.filter.all')}</option>
          {SESSION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {list.error && !data ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <DataTable
            caption={t('sessions.caption')}
            columns={columns}
            rows={data.data}
            rowKey={(s) => s.sessionId}
            sort={sort}
            onSort={setSort}
            empty={
              query || status ? (
                <EmptyState icon="search" title={t('state.noResults')} />
              ) : (
                <EmptyState
                  icon="phone"
                  title={t('sessions.empty.title')}
                  action={
                    ability.can('create', 'Session') ? (
                      <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
                        {t('sessions.new')}
                      </Button>
                    ) : undefined
                  }
                >
                  {t('sessions.empty.body')}
                </EmptyState>
              )
            }
          />
          <Pager page={page} limit={PAGE} total={data.total} onPage={(p) => setFilter('page', String(p))} />
        </>
      )}
      <CreateSessionDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(s) => {
          setCreating(false);
          list.reload();
          setLinking(s);
        }}
      />
      <LinkDialog
        session={linking}
        onClose={() => {
          setLinking(null);
          list.reload();
        }}
      />
      <RenameSessionDialog
        session={renaming}
        onClose={() => setRenaming(null)}
        onDone={() => {
          setRenaming(null);
          list.reload();
        }}
      />
      <ConfirmSessionAction confirming={confirming} onClose={() => setConfirming(null)} onDone={list.reload} />
      <CleanupInactiveDialog open={cleaning} onClose={() => setCleaning(false)} onDone={list.reload} />
    </div>
  );
}
