/** Confirmations of the users screen: delete, deactivate, and the temporary password (with its outcome). */
import type { UserView } from '@switchboard/shared';
import { useState } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog, Dialog } from '../../ui/Dialog.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText } from '../../ui/errors.ts';
import { usersApi, type ResetResult } from './usersApi.ts';

/** Which confirmation is open. */
export type UserConfirm = { kind: 'delete' | 'deactivate' | 'reset'; user: UserView } | null;

/** Asks before deleting or deactivating a user, or sending a temporary password. */
export function UserConfirmDialog({ confirm, onClose, onDone }: { confirm: UserConfirm; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const api = usersApi(useApi());
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ user: UserView; reset: ResetResult } | null>(null);
  const [forConfirm, setForConfirm] = useState(confirm);
  if (confirm !== forConfirm) {
    setForConfirm(confirm);
    setError(null);
  }

  if (result) return <ResetResultDialog user={result.user} result={result.reset} onClose={() => setResult(null)} />;
  if (!confirm) return <ConfirmDialog open={false} title="" body="" confirmLabel="" onConfirm={() => undefined} onClose={onClose} />;
  const { kind, user } = confirm;

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      if (kind === 'delete') {
        await api.remove(user.id);
        toast.success(t('users.delete.done', { name: user.name }));
      } else if (kind === 'deactivate') {
        await api.update(user.id, { active: false });
        toast.success(t('users.deactivate.done', { name: user.name }));
      } else {
        const reset = await api.resetPassword(user.id);
        setResult({ user, reset });
        if (reset.emailed) toast.success(t('users.reset.doneEmailed', { email: user.email }));
        else toast.error(t('users.reset.notEmailed'));
      }
      onDone();
      onClose();
    } catch (err) {
      // Keep the dialog open with the server's reason (e.g. "you cannot delete yourself").
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const texts = {
    delete: { title: t('users.delete.title', { name: user.name }), body: t('users.delete.body'), confirm: t('users.action.delete') },
    deactivate: { title: t('users.deactivate.title', { name: user.name }), body: t('users.deactivate.body'), confirm: t('users.action.deactivate') },
    reset: { title: t('users.reset.title', { name: user.name }), body: t('users.reset.body', { email: user.email }), confirm: t('users.reset.submit') },
  }[kind];
  return (
    <ConfirmDialog
      open
      danger={kind !== 'reset'}
      busy={busy}
      title={texts.title}
      body={
        <>
          <p>{texts.body}</p>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </>
      }
      confirmLabel={texts.confirm}
      onConfirm={() => void run()}
      onClose={onClose}
    />
  );
}

/** Says whether the temporary password reached the user's inbox. */
function ResetResultDialog({ user, result, onClose }: { user: UserView; result: ResetResult; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open size="sm" title={t('users.reset.resultTitle')} onClose={onClose} footer={<Button variant="primary" onClick={onClose}>{t('action.close')}</Button>}>
      {result.emailed ? (
        <Notice kind="success">{t('users.reset.emailedBody', { email: user.email })}</Notice>
      ) : (
        <>
          <Notice kind="warning">{t('users.reset.notEmailedBody', { email: user.email })}</Notice>
          {result.temporaryPassword && (
            <div className="temp-password">
              <p>{t('users.reset.handOver')}</p>
              <output className="pairing-code-value" aria-label={t('users.reset.resultTitle')}>
                {result.temporaryPassword}
              </output>
              <Button size="sm" icon="copy" onClick={() => void navigator.clipboard?.writeText(result.temporaryPassword ?? '').catch(() => undefined)}>
                {t('action.copy')}
              </Button>
            </div>
          )}
        </>
      )}
      <p className="muted">{t('users.reset.afterBody')}</p>
    </Dialog>
  );
}
