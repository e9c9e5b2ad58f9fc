/**
 * The delivery log of one webhook: every event sent (or still retrying), with the receiver's
 * answer, attempts and the next try; send one again, or replay a session from an event number.
 */
import type { SessionView, WebhookDeliveryView, WebhookView } from '@switchboard/shared';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useNow, useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { EmptyState, ErrorBox, Loading } from '../../ui/Feedback.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { DataTable, Pager, type Column } from '../../ui/Table.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText } from '../../ui/errors.ts';
import { DeliveryBadge } from './DeliveryBadge.tsx';
import { integrationsApi } from './integrationsApi.ts';

const PAGE = 25;

/** Replays a session's events from a number (the cursor moves back; events go out again in order). */
function ReplayForm({ webhook, sessions, onDone }: { webhook: WebhookView; sessions: readonly SessionView[]; onDone(): void }) {
  const { t } = useI18n();
  const api = integrationsApi(useApi());
  const toast = useToast();
  const choices = webhook.sessionId ? sessions.filter((s) => s.sessionId === webhook.sessionId) : sessions;
  const [sessionId, setSessionId] = useState(webhook.sessionId ?? choices[0]?.sessionId ?? '');
  const [fromSeq, setFromSeq] = useState('1');
  const [busy, setBusy] = useState(false);
  const seq = Number(fromSeq);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api.replay(webhook.id, sessionId, seq);
      toast.success(t('wh.replay.done', { session: sessions.find((s) => s.sessionId === sessionId)?.name ?? sessionId, seq }));
      onDone();
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="fieldset replay-form" onSubmit={submit} aria-label={t('wh.replay.legend')}>
      <p className="field-hint">{t('wh.replay.hint')}</p>
      <div className="form-row replay-row">
        <SelectField label={t('wh.replay.session')} value={sessionId} onChange={(e) => setSessionId(e.target.value)} disabled={!!webhook.sessionId}>
          {choices.map((s) => (
            <option key={s.sessionId} value={s.sessionId}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t('wh.replay.fromSeq')} type="number" min={1} step={1} inputMode="numeric" value={fromSeq} onChange={(e) => setFromSeq(e.target.value)} />
        <Button type="submit" icon="refresh" busy={busy} disabled={!sessionId || !Number.isInteger(seq) || seq < 1}>
          {t('wh.replay.submit')}
        </Button>
      </div>
    </form>
  );
}

/** The deliveries dialog of a webhook (null: closed). */
export function WebhookDeliveriesDialog({ webhook, sessions, onClose }: { webhook: WebhookView | null; sessions: readonly SessionView[]; onClose(): void }) {
  const { t, fmt } = useI18n();
  const api = integrationsApi(useApi());
  const toast = useToast();
  const now = useNow(15_000);
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const id = webhook?.id;
  const list = useResource((signal) => (id ? api.deliveries(id, { status, page, limit: PAGE }, signal) : Promise.resolve(null)), [id, status, page, now]);
  const sessionName = (sid: string) => sessions.find((s) => s.sessionId === sid)?.name ?? sid;

  const redeliver = async (d: WebhookDeliveryView) => {
    try {
      await api.redeliver(webhook!.id, d.id);
      toast.success(t('wh.redeliver.done'));
      list.reload();
    } catch (err) {
      toast.error(errorText(err, t));
    }
  };

  const columns: Column<WebhookDeliveryView>[] = [
    { key: 'event', header: t('wh.dcol.event'), cell: (d) => <code>{d.event}</code> },
    { key: 'pos', header: t('wh.dcol.position'), cell: (d) => (d.event === 'ping' ? <span className="muted">—</span> : <span>{sessionName(d.sessionId)} · {d.seq}</span>) },
    {
      key: 'state',
      header: t('wh.dcol.state'),
      cell: (d) => (
        <div className="cell-status">
          <DeliveryBadge status={d.status} />
          {d.status === 'pending' && d.nextAttemptAt && <span className="cell-sub">{t('wh.nextAttempt', { when: fmt.relative(d.nextAttemptAt, now) })}</span>}
        </div>
      ),
    },
    { key: 'attempts', header: t('wh.dcol.attempts'), cell: (d) => fmt.number(d.attempts) },
    {
      key: 'response',
      header: t('wh.dcol.response'),
      cell: (d) => (
        <div>
          <span>{d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '—'}</span>
          {d.latencyMs !== null && <span className="cell-sub"> · {fmt.number(d.latencyMs)} ms</span>}
          {d.lastError && <div className="cell-sub delivery-error">{d.lastError}</div>}
        </div>
      ),
    },
    {
      key: 'when',
      header: t('wh.dcol.when'),
      cell: (d) => (
        <time dateTime={d.deliveredAt ?? d.createdAt} title={fmt.dateTime(d.deliveredAt ?? d.createdAt)}>
          {fmt.relative(d.deliveredAt ?? d.createdAt, now)}
        </time>
      ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('wh.dcol.actions')}</span>,
      className: 'actions',
      cell: (d) =>
        d.event === 'ping' ? null : (
          <Button size="sm" icon="send" onClick={() => void redeliver(d)} aria-label={`${t('wh.redeliver')}: ${d.event} ${d.seq}`}>
            {t('wh.redeliver')}
          </Button>
        ),
    },
  ];

  return (
    <Dialog open={webhook !== null} onClose={onClose} size="lg" title={webhook ? t('wh.deliveries.title', { name: webhook.name }) : ''}>
      {webhook && (
        <div className="deliveries">
          <div className="toolbar">
            <select className="input select-inline" aria-label={t('wh.deliveries.filter')} value={status} onChange={(e) => (setStatus(e.target.value), setPage(1))}>
              <option value="">{t('wh.deliveries.any')}</option>
              <option value="pending">{t('wh.status.pending')}</option>
              <option value="failed">{t('wh.status.failed')}</option>
              <option value="delivered">{t('wh.status.delivered')}</option>
            </select>
            <Button variant="ghost" icon="refresh" onClick={list.reload}>
              {t('action.reload')}
            </Button>
          </div>
          {list.error && !list.data ? (
            <ErrorBox error={list.error} onRetry={list.reload} />
          ) : !list.data ? (
            <Loading />
          ) : (
            <>
              <DataTable caption={t('wh.deliveries.caption')} columns={columns} rows={list.data.data} rowKey={(d) => d.id} empty={<EmptyState icon="send" title={t('wh.deliveries.empty')} />} />
              <Pager page={page} limit={PAGE} total={list.data.total} onPage={setPage} />
            </>
          )}
          <h3 className="section-title">{t('wh.replay.legend')}</h3>
          <ReplayForm webhook={webhook} sessions={sessions} onDone={list.reload} />
        </div>
      )}
    </Dialog>
  );
}
