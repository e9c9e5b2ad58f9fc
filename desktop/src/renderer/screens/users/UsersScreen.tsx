/**
 * The people who use Switchboard: search and filter by role and state, create accounts (with a
 * generated initial password), edit them, deactivate / reactivate, send a temporary password and
 * delete. Each row shows only the actions the signed-in user may take on that person (a
 * supervisor sees no controls on administrators); the gateway's refusals are shown as sent.
 */
import type { UserView } from '@switchboard/shared';
import { useState } from 'react';
import { useAbility, useApi, useMe } from '../../auth/AuthProvider.tsx';
import { useNow, useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState, ErrorBox, Loading } from '../../ui/Feedback.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { DataTable, Pager } from '../../ui/Table.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText } from '../../ui/errors.ts';
import { useUrlFilters } from '../../ui/useUrlFilters.ts';
import { useOpenFromUrl } from '../../ui/useOpenFromUrl.ts';
import { UserConfirmDialog, type UserConfirm } from './UserActionDialogs.tsx';
import { UserFormDialog, type UserForm } from './UserFormDialog.tsx';
import { userColumns } from './userColumns.tsx';
import { usersApi } from './usersApi.ts';
import { roleLabel } from '../../ui/roleLabel.ts';

const PAGE = 50;

/** The users screen. */
export function UsersScreen() {
  const { t } = useI18n();
  const ability = useAbility();
  const me = useMe();
  const api = usersApi(useApi());
  const toast = useToast();
  const f = useUrlFilters();
  const role = f.get('role');
  const active = f.get('active');
  const [form, setForm] = useState<UserForm>(null);
  const [confirm, setConfirm] = useState<UserConfirm>(null);
  const now = useNow(60_000);

  // Without "read Role" there is nothing to filter by or to choose from (and no way to create).
  const canReadRoles = ability.can('read', 'Role');
  const roles = useResource((signal) => (canReadRoles ? api.roles(signal).then((p) => p.data) : Promise.resolve([])), [canReadRoles]);
  const list = useResource((signal) => api.list({ q: f.query, role, active, page: f.page, limit: PAGE }, signal), [f.query, role, active, f.page]);

  const reactivate = async (u: UserView) => {
    try {
      await api.update(u.id, { active: true });
      toast.success(t('users.reactivate.done', { name: u.name }));
      list.reload();
    } catch (err) {
      toast.error(errorText(err, t));
    }
  };

  const columns = userColumns({ t, now, me, ability, onEdit: (user) => setForm({ mode: 'edit', user }), onConfirm: setConfirm, onReactivate: (u) => void reactivate(u) });
  const canCreate = ability.can('create', 'User') && canReadRoles;
  useOpenFromUrl('new', canCreate && !!roles.data, () => setForm({ mode: 'create' }));
  const filtered = !!(f.query || role || active);
  const data = list.data;
  return (
    <div className="page">
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          canCreate && (
            <Button variant="primary" icon="plus" onClick={() => setForm({ mode: 'create' })} disabled={!roles.data}>
              {t('users.new')}
            </Button>
          )
        }
      />
      <div className="toolbar" role="search" aria-label={t('users.filters')}>
        <div className="search-input">
          <Icon name="search" />
          <input className="input" type="search" aria-label={t('users.search')} placeholder={t('users.search')} value={f.q} onChange={(e) => f.setQ(e.target.value)} />
        </div>
        {canReadRoles && (
          <select className="input select-inline" aria-label={t('users.filter.role')} value={role} onChange={(e) => f.set('role', e.target.value)}>
            <option value="">{t('users.filter.allRoles')}</option>
            {roles.data?.map((r) => (
              <option key={r.id} value={r.id}>
                {roleLabel(t, r.name)}
              </option>
            ))}
          </select>
        )}
        <select className="input select-inline" aria-label={t('users.filter.state')} value={active} onChange={(e) => f.set('active', e.target.value)}>
          <option value="">{t('users.filter.anyState')}</option>
          <option value="true">{t('users.filter.active')}</option>
          <option value="false">{t('users.filter.inactive')}</option>
        </select>
        {filtered && (
          <Button variant="ghost" icon="x" onClick={() => f.clear(['role', 'active'])}>
            {t('users.filter.clear')}
          </Button>
        )}
      </div>
      {list.error && !data ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <div className={list.loading ? 'list-body list-stale' : 'list-body'} aria-busy={list.loading}>
          <DataTable
            caption={t('users.caption')}
            columns={columns}
            rows={data.data}
            rowKey={(u) => u.id}
            rowClassName={(u) => (u.active ? undefined : 'row-inactive')}
            empty={
              filtered ? (
                <EmptyState icon="search" title={t('state.noResults')} />
              ) : (
                <EmptyState icon="users" title={t('users.empty.title')}>
                  {t('users.empty.body')}
                </EmptyState>
              )
            }
          />
          <Pager page={f.page} limit={PAGE} total={data.total} onPage={f.setPage} />
        </div>
      )}
      {roles.error !== undefined && <ErrorBox error={roles.error} onRetry={roles.reload} />}
      <UserFormDialog
        form={form}
        roles={roles.data ?? []}
        onClose={() => setForm(null)}
        onSaved={() => {
          setForm(null);
          list.reload();
        }}
      />
      <UserConfirmDialog confirm={confirm} onClose={() => setConfirm(null)} onDone={list.reload} />
    </div>
  );
}
