/**
 * The webhooks of the business: where events go, whether they arrive (last delivery, pending and
 * failed counts), and the actions on each: edit, test, pause, deliveries, new secret, delete.
 */
import type { SessionView, WebhookView } from '@switchboard/shared';
import { useState } from 'react';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { on } from '../../auth/ability.ts';
import { useNow, useResource } from '../../hooks/useResource.ts';
import { useI18n, type I18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { EmptyState } from '../../ui/Feedback.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { MenuButton } from '../../ui/Menu.tsx';
import { Badge } from '../../ui/StatusBadge.tsx';
import type { Column } from '../../ui/Table.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText } from '../../ui/errors.ts';
import { DeliveryBadge } from './DeliveryBadge.tsx';
import { integrationsApi } from './integrationsApi.ts';
import { SecretRevealDialog, type Reveal } from './SecretRevealDialog.tsx';
import { WebhookDeliveriesDialog } from './WebhookDeliveriesDialog.tsx';
import { WebhookFormDialog, type WebhookForm } from './WebhookFormDialog.tsx';

const PAGE = 50;
type Confirm = { kind: 'delete' | 'rotate'; webhook: WebhookView } | null;

/** The record-level subject of a webhook, as the gateway builds it. */
const webhookSubject = (w: WebhookView) => on('Webhook', { sessionId: w.sessionId });

/** Whether events arrive: last delivery, plus pending and failed counts. */
export function DeliveryHealth({ w, now, t, fmt, tn }: { w: WebhookView; now: number } & Pick<I18n, 't' | 'fmt' | 'tn'>) {
  const { stats } = w;
  return (
    <div className="cell-status">
      {stats.lastStatus ? <DeliveryBadge status={stats.lastStatus} /> : <span className="muted">{t('state.never')}</span>}
      {stats.lastDeliveryAt && (
        <time className="cell-sub" dateTime={stats.lastDeliveryAt} title={fmt.dateTime(stats.lastDeliveryAt)}>
          {fmt.relative(stats.lastDeliveryAt, now)}
        </time>
      )}
      {stats.pending > 0 && <Badge tone="warn">{tn('wh.pending', stats.pending)}</Badge>}
      {stats.failed > 0 && <Badge tone="bad">{tn('wh.failed', stats.failed)}</Badge>}
    </div>
  );
}

/** The webhooks tab. */
export function WebhooksPanel({ sessions }: { sessions: readonly SessionView[] }) {
  const i18n = useI18n();
  const { t, tn } = i18n;
  const ability = useAbility();
  const api = integrationsApi(useApi());
  const toast = useToast();
  const now = useNow(30_000);
  const [page, setPage] = useState(1);
  const [form, setForm] = useState<WebhookForm>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [busy, setBusy] = useState(false);
  const [reveal, setReveal] = useState<Reveal>(null);
  const [deliveriesOf, setDeliveriesOf] = useState<WebhookView | null>(null);
  const list = useResource((signal) => api.webhooks({ page, limit: PAGE }, signal), [page, now]);
  const sessionName = (sid: string | null) => (sid ? (sessions.find((s) => s.sessionId === sid)?.name ?? sid) : t('int.allSessions'));

  const showSecret = (w: WebhookView, secret: string) =>
    setReveal({ title: t('wh.secret.title', { name: w.name }), body: t('wh.secret.body'), label: t('wh.secret.title', { name: w.name }), value: secret });

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    try {
      await fn();
      if (done) toast.success(done);
      list.reload();
    } catch (err) {
      toast.error(errorText(err, t));
    }
  };

  const ping = (w: WebhookView) =>
    act(async () => {
      const d = await api.ping(w.id);
      if (d.status === 'delivered') toast.success(t('wh.ping.ok', { name: w.name, code: d.lastStatusCode ?? 200, ms: d.latencyMs ?? 0 }));
      else toast.error(t('wh.ping.failed', { name: w.name, reason: d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '?') }));
    });

  const confirmed = async () => {
    if (!confirm) return;
    const w = confirm.webhook;
    setBusy(true);
    try {
      if (confirm.kind === 'delete') {
        await api.removeWebhook(w.id);
        toast.success(t('wh.delete.done', { name: w.name }));
      } else {
        const { secret } = await api.rotateSecret(w.id);
        showSecret(w, secret);
      }
      setConfirm(null);
      list.reload();
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const columns: Column<WebhookView>[] = [
    {
      key: 'name',
      header: t('wh.col.name'),
      cell: (w) => (
        <div>
          <span className="cell-title">{w.name}</span>
          <div className="cell-sub mono url-cell" title={w.url}>
            {w.url}
          </div>
        </div>
      ),
    },
    { key: 'session', header: t('wh.col.session'), cell: (w) => sessionName(w.sessionId) },
    {
      key: 'events',
      header: t('wh.col.events'),
      cell: (w) => (w.events.length === 0 ? t('wh.allEvents') : <span title={w.events.join(', ')}>{w.events.length <= 2 ? w.events.map((e) => t(`wh.event.${e}` as never)).join(', ') : tn('wh.eventsCount', w.events.length)}</span>),
    },
    {
      key: 'state',
      header: t('wh.col.state'),
      cell: (w) =>
        w.active ? (
          <Badge tone="ok">
            <Icon name="play" size={12} />
            {t('wh.state.active')}
          </Badge>
        ) : (
          <Badge tone="neutral">
            <Icon name="stop" size={12} />
            {t('wh.state.paused')}
          </Badge>
        ),
    },
    { key: 'last', header: t('wh.col.lastDelivery'), cell: (w) => <DeliveryHealth w={w} now={now} {...i18n} /> },
    {
      key: 'actions',
      header: <span className="sr-only">{t('wh.col.actions')}</span>,
      className: 'actions',
      cell: (w) => {
        const canUpdate = ability.can('update', webhookSubject(w));
        const canDelete = ability.can('delete', webhookSubject(w));
        return (
          <>
            <Button size="sm" icon="list" onClick={() => setDeliveriesOf(w)} aria-label={`${t('wh.action.deliveries')}: ${w.name}`}>
              {t('wh.action.deliveries')}
            </Button>
            <MenuButton
              label={`${t('action.more')}: ${w.name}`}
              items={[
                canUpdate && { label: t('action.edit'), icon: 'edit', onSelect: () => setForm({ mode: 'edit', webhook: w }) },
                canUpdate && { label: t('wh.action.ping'), icon: 'zap', onSelect: () => void ping(w) },
                canUpdate && {
                  label: w.active ? t('wh.action.pause') : t('wh.action.resume'),
                  icon: w.active ? 'stop' : 'play',
                  onSelect: () => void act(() => api.updateWebhook(w.id, { active: !w.active }), t(w.active ? 'wh.paused' : 'wh.resumed', { name: w.name })),
                },
                canUpdate && { label: t('wh.action.rotate'), icon: 'key', onSelect: () => setConfirm({ kind: 'rotate', webhook: w }) },
                canDelete && { label: t('wh.action.delete'), icon: 'trash', danger: true, onSelect: () => setConfirm({ kind: 'delete', webhook: w }) },
              ]}
            />
          </>
        );
      },
    },
  ];

  return (
    <div className="int-panel">
      <div className="toolbar toolbar-end">
        {ability.can('create', 'Webhook') && (
          <Button variant="primary" icon="plus" onClick={() => setForm({ mode: 'create' })}>
            {t('wh.new')}
          </Button>
        )}
      </div>
      <PagedTable
        list={list}
        caption={t('wh.caption')}
        columns={columns}
        rowKey={(w) => w.id}
        rowClassName={(w) => (w.active ? undefined : 'row-inactive')}
        empty={
          <EmptyState icon="zap" title={t('wh.empty.title')}>
            {t('wh.empty.body')}
          </EmptyState>
        }
        page={page}
        limit={PAGE}
        onPage={setPage}
      />
      <WebhookFormDialog
        form={form}
        sessions={sessions}
        onClose={() => setForm(null)}
        onSaved={() => (setForm(null), list.reload())}
        onCreated={(w, secret) => {
          setForm(null);
          list.reload();
          showSecret(w, secret);
        }}
      />
      <WebhookDeliveriesDialog webhook={deliveriesOf} sessions={sessions} onClose={() => setDeliveriesOf(null)} />
      <SecretRevealDialog reveal={reveal} onClose={() => setReveal(null)} />
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? t(confirm.kind === 'delete' ? 'wh.delete.title' : 'wh.rotate.title', { name: confirm.webhook.name }) : ''}
        body={confirm ? t(confirm.kind === 'delete' ? 'wh.delete.body' : 'wh.rotate.body', { url: confirm.webhook.url }) : ''}
        confirmLabel={confirm?.kind === 'delete' ? t('wh.action.delete') : t('wh.rotate.submit')}
        danger={confirm?.kind === 'delete'}
        busy={busy}
        onConfirm={() => void confirmed()}
        onClose={() => setConfirm(null)}
      />
    </div>
  );
}
