/** Confirms deleting a custom role and explains the gateway's refusals (built-in role, role still held). */
import type { RoleView } from '@switchboard/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/http.ts';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText } from '../../ui/errors.ts';
import { rolesApi } from './rolesApi.ts';

/** Users still holding the role, from a `role_in_use` answer. */
function holdersOf(err: unknown): number | null {
  if (!(err instanceof ApiError) || err.code !== 'role_in_use') return null;
  const users = (err.details as { users?: unknown } | undefined)?.users;
  return typeof users === 'number' ? users : 0;
}

/** The delete confirmation; a refusal stays in the dialog with what to do next. */
export function DeleteRoleDialog({ role, holders, onClose, onDone }: { role: RoleView | null; holders: number | undefined; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const api = rolesApi(useApi());
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [forRole, setForRole] = useState(role);
  if (role !== forRole) {
    setForRole(role);
    setError(null);
  }
  if (!role) return <ConfirmDialog open={false} title="" body="" confirmLabel="" onConfirm={() => undefined} onClose={onClose} />;

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.remove(role.id);
      toast.success(t('roles.delete.done', { name: role.name }));
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const inUse = holdersOf(error) ?? (holders && holders > 0 ? holders : null);
  const usersLink = (
    <Link to={`/users?role=${encodeURIComponent(role.id)}`} onClick={onClose}>
      {t('roles.delete.seeUsers')}
    </Link>
  );
  return (
    <ConfirmDialog
      open
      danger
      busy={busy}
      title={t('roles.delete.title', { name: role.name })}
      confirmLabel={t('roles.action.delete')}
      onConfirm={() => void run()}
      onClose={onClose}
      body={
        <>
          <p>{t('roles.delete.body')}</p>
          {inUse !== null ? (
            <Notice kind="warning">
              {t('roles.delete.inUse', { count: inUse })} {usersLink}
            </Notice>
          ) : error ? (
            <Notice kind="danger">{errorText(error, t)}</Notice>
          ) : null}
        </>
      }
    />
  );
}
