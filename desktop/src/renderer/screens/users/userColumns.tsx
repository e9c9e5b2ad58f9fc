/** The columns of the users table: who, role, state, language, last sign-in and the row's actions. */
import type { MeView, UserView } from '@switchboard/shared';
import type { ClientAbility } from '../../auth/ability.ts';
import type { I18n } from '../../i18n/index.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { MenuButton } from '../../ui/Menu.tsx';
import { Badge } from '../../ui/StatusBadge.tsx';
import type { Column } from '../../ui/Table.tsx';
import type { UserConfirm } from './UserActionDialogs.tsx';
import { userSubject } from './usersApi.ts';
import { roleLabel } from '../../ui/roleLabel.ts';

/** What the columns need from the screen. */
export interface UserColumnsOptions {
  t: I18n['t'];
  now: number;
  me: MeView;
  ability: ClientAbility;
  onEdit(u: UserView): void;
  onConfirm(c: UserConfirm): void;
  onReactivate(u: UserView): void;
}

/** Active / inactive and "must change the password", in words and icons (never colour alone). */
function UserState({ user }: { user: UserView }) {
  const { t } = useI18n();
  return (
    <div className="cell-status">
      {user.active ? (
        <Badge tone="ok">
          <Icon name="check" size={12} />
          {t('users.state.active')}
        </Badge>
      ) : (
        <Badge tone="neutral">
          <Icon name="userX" size={12} />
          {t('users.state.inactive')}
        </Badge>
      )}
      {user.mustChangePassword && (
        <Badge tone="warn">
          <Icon name="key" size={12} />
          {t('users.state.mustChange')}
        </Badge>
      )}
    </div>
  );
}

/** Last sign-in, relative with the exact time on hover. */
function LastLogin({ at, now }: { at: string | null; now: number }) {
  const { t, fmt } = useI18n();
  if (!at) return <span className="muted">{t('state.never')}</span>;
  return (
    <time dateTime={at} title={fmt.dateTime(at)}>
      {fmt.relative(at, now)}
    </time>
  );
}

/** Builds the columns; each row's actions follow the ability on that very user. */
export function userColumns({ t, now, me, ability, onEdit, onConfirm, onReactivate }: UserColumnsOptions): Column<UserView>[] {
  return [
    {
      key: 'name',
      header: t('users.col.name'),
      cell: (u) => (
        <div>
          <span className="cell-title">{u.name}</span>
          {u.id === me.id && <span className="badge badge-info user-self">{t('users.you')}</span>}
          <div className="cell-sub">{u.email}</div>
        </div>
      ),
    },
    { key: 'role', header: t('users.col.role'), cell: (u) => (u.role.name ? roleLabel(t, u.role.name) : null) ?? <span className="muted">{t('users.roleMissing')}</span> },
    { key: 'state', header: t('users.col.state'), cell: (u) => <UserState user={u} /> },
    { key: 'locale', header: t('users.col.locale'), cell: (u) => t(`lang.${u.locale}`) },
    { key: 'lastLogin', header: t('users.col.lastLogin'), cell: (u) => <LastLogin at={u.lastLoginAt} now={now} /> },
    {
      key: 'actions',
      header: <span className="sr-only">{t('users.col.actions')}</span>,
      className: 'actions',
      cell: (u) => {
        const subject = userSubject(u);
        const canUpdate = ability.can('update', subject);
        const canDelete = ability.can('delete', subject);
        const self = u.id === me.id;
        return (
          <>
            {canUpdate && (
              <Button size="sm" icon="edit" onClick={() => onEdit(u)} aria-label={`${t('action.edit')}: ${u.name}`}>
                {t('action.edit')}
              </Button>
            )}
            <MenuButton
              label={`${t('action.more')}: ${u.name}`}
              items={[
                canUpdate && !self && { label: t('users.action.resetPassword'), icon: 'key', onSelect: () => onConfirm({ kind: 'reset', user: u }) },
                canUpdate && !self && u.active && { label: t('users.action.deactivate'), icon: 'userX', onSelect: () => onConfirm({ kind: 'deactivate', user: u }) },
                canUpdate && !u.active && { label: t('users.action.reactivate'), icon: 'userCheck', onSelect: () => onReactivate(u) },
                canDelete && !self && { label: t('users.action.delete'), icon: 'trash', danger: true, onSelect: () => onConfirm({ kind: 'delete', user: u }) },
              ]}
            />
          </>
        );
      },
    },
  ];
}
