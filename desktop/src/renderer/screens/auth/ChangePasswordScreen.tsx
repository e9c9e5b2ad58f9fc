/**
 * Change the password: forced (full screen, nothing else reachable) when the account has a
 * generated or temporary password, or voluntary from the user menu (inside the app frame).
 */
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useAuth, useMe } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { PasswordField } from '../../ui/Field.tsx';
import { PageHeader, Panel } from '../../ui/Page.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText } from '../../ui/errors.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { newPasswordProblem } from './passwordRules.ts';

/** The form itself (used by both variants). */
function ChangePasswordForm({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const auth = useAuth();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = newPasswordProblem(password, confirm, current);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (problem || !current) return;
    setBusy(true);
    setError(null);
    try {
      await auth.changePassword(current, password);
      onDone();
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <PasswordField label={t('change.current')} autoComplete="current-password" required autoFocus value={current} onChange={(e) => setCurrent(e.target.value)} />
      <PasswordField label={t('change.new')} autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} hint={t('reset.help')} error={touched && (problem === 'password.tooShort' || problem === 'password.sameAsCurrent') ? t(problem) : undefined} />
      <PasswordField label={t('change.confirm')} autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} error={touched && problem === 'password.mismatch' ? t(problem) : undefined} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" busy={busy}>
        {t('change.submit')}
      </Button>
    </form>
  );
}

/** Full-screen variant for a forced change. */
export function ForcedChangePasswordScreen() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const auth = useAuth();
  return (
    <AuthLayout title={t('change.title')}>
      <Notice kind="warning">{t('change.forcedHelp')}</Notice>
      <ChangePasswordForm onDone={() => navigate('/', { replace: true })} />
      <p className="auth-links">
        <button type="button" className="link-button" onClick={() => void auth.logout()}>
          {t('user.signOut')}
        </button>
      </p>
    </AuthLayout>
  );
}

/** In-app variant (user menu → change password). */
export function ChangePasswordScreen() {
  const { t } = useI18n();
  const toast = useToast();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <div className="page page-narrow">
      <PageHeader title={t('change.title')} description={t('change.help')} />
      <Panel>
        <p className="muted">{me.email}</p>
        <ChangePasswordForm
          onDone={() => {
            toast.success(t('change.done'));
            navigate(-1);
          }}
        />
      </Panel>
    </div>
  );
}
