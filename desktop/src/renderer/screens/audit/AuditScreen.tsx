/**
 * The audit log: who did what, on what, when and from where, newest first. Filters (person,
 * action or area, target type, dates) live in the URL; each entry opens to show its details.
 */
import { useMemo } from 'react';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { EmptyState, ErrorBox, Loading } from '../../ui/Feedback.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { Pager } from '../../ui/Table.tsx';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { AuditFilters, AUDIT_FILTER_KEYS } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';
import { auditApi, dayToIso } from './auditApi.ts';

const PAGE = 50;

/** The audit screen. */
export function AuditScreen() {
  const { t } = useI18n();
  const ability = useAbility();
  const api = auditApi(useApi());
  const f = useUrlFilters();
  const [user, action, target, from, to] = AUDIT_FILTER_KEYS.map((k) => f.get(k)) as [string, string, string, string, string];
  const rangeError = from && to && from > to ? t('audit.filter.badRange') : undefined;
  const canListUsers = ability.can('read', 'User');

  const users = useResource((signal) => (canListUsers ? api.users(signal).then((p) => p.data) : Promise.resolve(undefined)), [canListUsers]);
  const names = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.name])), [users.data]);
  const list = useResource(
    (signal) =>
      rangeError
        ? Promise.resolve(undefined)
        : api.list({ userId: user, action, targetType: target, from: dayToIso(from), to: dayToIso(to, true), page: f.page, limit: PAGE }, signal),
    [user, action, target, from, to, f.page, rangeError],
  );

  const filtered = AUDIT_FILTER_KEYS.some((k) => f.get(k));
  const data = list.data;
  return (
    <div className="page">
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <AuditFilters f={f} users={canListUsers ? (users.data ?? []) : undefined} rangeError={rangeError} />
      {rangeError ? null : list.error && !data ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !data ? (
        <Loading />
      ) : data.data.length === 0 ? (
        <div className="table-wrap">
          {filtered ? <EmptyState icon="search" title={t('audit.empty.filtered')} /> : <EmptyState icon="list" title={t('audit.empty.title')}>{t('audit.empty.body')}</EmptyState>}
        </div>
      ) : (
        <div className={list.loading ? 'list-body list-stale' : 'list-body'} aria-busy={list.loading}>
          <AuditTable entries={data.data} names={names} caption={t('audit.caption')} />
          <Pager page={f.page} limit={PAGE} total={data.total} onPage={f.setPage} />
        </div>
      )}
    </div>
  );
}
