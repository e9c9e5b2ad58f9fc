/**
 * API keys for other systems: what each may do (in words, from its permissions), where, whether
 * it still works (active, expired, revoked), when it was last used; create one, revoke one.
 */
import type { ApiKeyView, SessionView } from '@switchboard/shared';
import { useState } from 'react';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { useNow, useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { EmptyState } from '../../ui/Feedback.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { Badge, type Tone } from '../../ui/StatusBadge.tsx';
import type { Column } from '../../ui/Table.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText } from '../../ui/errors.ts';
import { ApiKeyFormDialog } from './ApiKeyFormDialog.tsx';
import { summarize } from './apiKeyScope.ts';
import { integrationsApi } from './integrationsApi.ts';
import { SecretRevealDialog, type Reveal } from './SecretRevealDialog.tsx';

const PAGE = 50;
const TONE: Record<ApiKeyView['status'], Tone> = { active: 'ok', expired: 'warn', revoked: 'neutral' };

/** The permissions of a key in words: capabilities, then where, then rules made elsewhere. */
function Scope({ k, sessionName }: { k: ApiKeyView; sessionName(sid: string): string }) {
  const { t, tn } = useI18n();
  const s = summarize(k.permissions);
  return (
    <div className="key-scope">
      {s.capabilities.length > 0 && (
        <ul className="plain-list">
          {s.capabilities.map((c) => (
            <li key={c}>{t(`key.cap.${c}`)}</li>
          ))}
        </ul>
      )}
      <span className="cell-sub">{s.sessions.length ? t('key.onSessions', { sessions: s.sessions.map(sessionName).join(', ') }) : t('key.everySession')}</span>
      {s.other.length > 0 && (
        <span className="cell-sub" title={s.other.map((p) => `${p.inverted ? '¬' : ''}${p.action} ${p.subject}${p.conditions ? ` ${JSON.stringify(p.conditions)}` : ''}`).join('\n')}>
          {tn('key.other', s.other.length)}
        </span>
      )}
    </div>
  );
}

/** The API keys tab. */
export function ApiKeysPanel({ sessions }: { sessions: readonly SessionView[] }) {
  const { t, fmt } = useI18n();
  const ability = useAbility();
  const api = integrationsApi(useApi());
  const toast = useToast();
  const now = useNow(60_000);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const [busy, setBusy] = useState(false);
  const [reveal, setReveal] = useState<Reveal>(null);
  const list = useResource((signal) => api.apiKeys({ page, limit: PAGE }, signal), [page]);
  const sessionName = (sid: string) => sessions.find((s) => s.sessionId === sid)?.name ?? sid;

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    try {
      await api.revokeApiKey(revoking.id);
      toast.success(t('key.revoke.done', { name: revoking.name }));
      setRevoking(null);
      list.reload();
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const when = (at: string | null, empty: string) =>
    at ? (
      <time dateTime={at} title={fmt.dateTime(at)}>
        {fmt.relative(at, now)}
      </time>
    ) : (
      <span className="muted">{empty}</span>
    );

  const columns: Column<ApiKeyView>[] = [
    {
      key: 'name',
      header: t('key.col.name'),
      cell: (k) => (
        <div>
          <span className="cell-title">{k.name}</span>
          <div className="cell-sub mono">{k.prefix}</div>
          <div className="cell-sub">{t('key.by', { name: k.createdBy?.name ?? '—', when: fmt.date(k.createdAt) })}</div>
        </div>
      ),
    },
    { key: 'scope', header: t('key.col.scope'), cell: (k) => <Scope k={k} sessionName={sessionName} /> },
    {
      key: 'state',
      header: t('key.col.state'),
      cell: (k) => (
        <Badge tone={TONE[k.status]}>
          <Icon name={k.status === 'active' ? 'check' : k.status === 'expired' ? 'clock' : 'lock'} size={12} />
          {t(`key.state.${k.status}`)}
        </Badge>
      ),
    },
    { key: 'used', header: t('key.col.lastUsed'), cell: (k) => when(k.lastUsedAt, t('state.never')) },
    { key: 'expires', header: t('key.col.expires'), cell: (k) => when(k.expiresAt, t('key.noExpiry')) },
    {
      key: 'actions',
      header: <span className="sr-only">{t('key.col.actions')}</span>,
      className: 'actions',
      cell: (k) =>
        k.status !== 'revoked' && ability.can('delete', 'ApiKey') ? (
          <Button size="sm" variant="danger" icon="lock" onClick={() => setRevoking(k)} aria-label={`${t('key.action.revoke')}: ${k.name}`}>
            {t('key.action.revoke')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="int-panel">
      <div className="toolbar toolbar-end">
        {ability.can('create', 'ApiKey') && (
          <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
            {t('key.new')}
          </Button>
        )}
      </div>
      <PagedTable
        list={list}
        caption={t('key.caption')}
        columns={columns}
        rowKey={(k) => k.id}
        rowClassName={(k) => (k.status === 'active' ? undefined : 'row-inactive')}
        empty={
          <EmptyState icon="key" title={t('key.empty.title')}>
            {t('key.empty.body')}
          </EmptyState>
        }
        page={page}
        limit={PAGE}
        onPage={setPage}
      />
      <ApiKeyFormDialog
        open={creating}
        sessions={sessions}
        onClose={() => setCreating(false)}
        onCreated={(k, key) => {
          setCreating(false);
          list.reload();
          setReveal({ title: t('key.shown.title', { name: k.name }), body: t('key.shown.body'), label: k.name, value: key, extra: <p className="field-hint">{t('key.shown.usage')}</p> });
        }}
      />
      <SecretRevealDialog reveal={reveal} onClose={() => setReveal(null)} />
      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? t('key.revoke.title', { name: revoking.name }) : ''}
        body={t('key.revoke.body')}
        confirmLabel={t('key.action.revoke')}
        danger
        busy={busy}
        onConfirm={() => void revoke()}
        onClose={() => setRevoking(null)}
      />
    </div>
  );
}
