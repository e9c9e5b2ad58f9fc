/**
 * Roles and what they allow. Built-in roles are shown read-only (and can be duplicated); custom
 * roles are created, edited in the permissions matrix and deleted here by those allowed to;
 * everyone else who may read roles gets the same view read-only. The number of people holding
 * each role links to the users list filtered by it.
 */
import type { RoleView } from '@switchboard/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { useResource } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState, ErrorBox, Loading } from '../../ui/Feedback.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { MenuButton } from '../../ui/Menu.tsx';
import { PageHeader } from '../../ui/Page.tsx';
import { Badge } from '../../ui/StatusBadge.tsx';
import { DataTable, type Column } from '../../ui/Table.tsx';
import { DeleteRoleDialog } from './DeleteRoleDialog.tsx';
import { RoleEditorDialog, type RoleEditing } from './RoleEditorDialog.tsx';
import { roleDescription, roleSubject, rolesApi } from './rolesApi.ts';
import { roleLabel } from '../../ui/roleLabel.ts';

/** The roles screen. */
export function RolesScreen() {
  const { t, fmt, locale } = useI18n();
  const ability = useAbility();
  const api = rolesApi(useApi());
  const [editing, setEditing] = useState<RoleEditing>(null);
  const [deleting, setDeleting] = useState<RoleView | null>(null);
  const canCreate = ability.can('create', 'Role');
  const canCount = ability.can('read', 'User');

  const list = useResource((signal) => api.list(signal).then((p) => [...p.data].sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name))), []);
  const roles = list.data;
  const holders = useResource((signal) => (roles && canCount ? api.holders(roles, signal) : Promise.resolve(undefined)), [roles, canCount]);

  const canUpdate = (r: RoleView) => !r.builtIn && ability.can('update', roleSubject(r));
  const canDelete = (r: RoleView) => !r.builtIn && ability.can('delete', roleSubject(r));
  const open = (r: RoleView) => setEditing({ mode: canUpdate(r) ? 'edit' : 'view', role: r });

  const columns: Column<RoleView>[] = [
    {
      key: 'name',
      header: t('roles.col.name'),
      cell: (r) => (
        <div className="role-name">
          <span className="cell-title">{roleLabel(t, r.name)}</span>
          {r.builtIn && (
            <Badge tone="neutral">
              <Icon name="lock" size={12} />
              {t('roles.builtIn')}
            </Badge>
          )}
        </div>
      ),
    },
    { key: 'description', header: t('roles.col.description'), cell: (r) => roleDescription(r, locale) || <span className="muted">{t('roles.noDescription')}</span> },
    { key: 'rules', header: t('roles.col.rules'), className: 'num', cell: (r) => fmt.number(r.permissions.length) },
    ...(canCount
      ? [
          {
            key: 'users',
            header: t('roles.col.users'),
            className: 'num',
            cell: (r: RoleView) => {
              const n = holders.data?.[r.id];
              if (n === undefined) return <span className="muted">{holders.error ? '?' : '…'}</span>;
              return (
                <Link to={`/users?role=${encodeURIComponent(r.id)}`} aria-label={t('roles.usersLink', { count: n, name: r.name })}>
                  {fmt.number(n)}
                </Link>
              );
            },
          },
        ]
      : []),
    {
      key: 'actions',
      header: <span className="sr-only">{t('roles.col.actions')}</span>,
      className: 'actions',
      cell: (r) => (
        <>
          <Button size="sm" icon={canUpdate(r) ? 'edit' : 'eye'} onClick={() => open(r)} aria-label={`${canUpdate(r) ? t('action.edit') : t('roles.action.view')}: ${r.name}`}>
            {canUpdate(r) ? t('action.edit') : t('roles.action.view')}
          </Button>
          <MenuButton
            label={`${t('action.more')}: ${r.name}`}
            items={[
              canCreate && { label: t('roles.action.duplicate'), icon: 'copy', onSelect: () => setEditing({ mode: 'create', from: r }) },
              canDelete(r) && { label: t('roles.action.delete'), icon: 'trash', danger: true, onSelect: () => setDeleting(r) },
            ]}
          />
        </>
      ),
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title={t('roles.title')}
        description={t('roles.description')}
        actions={
          canCreate && (
            <Button variant="primary" icon="plus" onClick={() => setEditing({ mode: 'create' })}>
              {t('roles.new')}
            </Button>
          )
        }
      />
      {list.error && !roles ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !roles ? (
        <Loading />
      ) : (
        <DataTable caption={t('roles.caption')} columns={columns} rows={roles} rowKey={(r) => r.id} empty={<EmptyState icon="shield" title={t('roles.empty')} />} />
      )}
      <RoleEditorDialog
        editing={editing}
        canCreate={canCreate}
        onClose={() => setEditing(null)}
        onDuplicate={(r) => setEditing({ mode: 'create', from: r })}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <DeleteRoleDialog
        role={deleting}
        holders={deleting ? holders.data?.[deleting.id] : undefined}
        onClose={() => setDeleting(null)}
        onDone={list.reload}
      />
    </div>
  );
}
