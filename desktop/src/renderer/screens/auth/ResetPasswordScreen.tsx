/** Set a new password with the token of the emailed link (`/reset-password?token=…`). */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { PasswordField } from '../../ui/Field.tsx';
import { errorText } from '../../ui/errors.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { newPasswordProblem } from './passwordRules.ts';

/** The reset-password screen. */
export function ResetPasswordScreen() {
  const { t } = useI18n();
  const { api } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problem = newPasswordProblem(password, confirm);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/reset-password', { token, password });
      navigate('/login', { replace: true, state: { notice: t('reset.done') } });
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  if (!token) {
    return (
      <AuthLayout title={t('reset.title')}>
        <Notice kind="warning">{t('reset.missingToken')}</Notice>
        <p className="auth-links">
          <Link to="/forgot-password">{t('login.forgot')}</Link>
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('reset.title')} subtitle={t('reset.help')}>
      <form className="form" onSubmit={submit} noValidate>
        <PasswordField label={t('reset.password')} autoComplete="new-password" required autoFocus value={password} onChange={(e) => setPassword(e.target.value)} error={touched && problem === 'password.tooShort' ? t(problem) : undefined} />
        <PasswordField label={t('reset.confirm')} autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} error={touched && problem === 'password.mismatch' ? t(problem) : undefined} />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" busy={busy} className="btn-block">
          {t('reset.submit')}
        </Button>
      </form>
      <p className="auth-links">
        <Link to="/login">{t('forgot.backToLogin')}</Link>
      </p>
    </AuthLayout>
  );
}
