/** Sign in with email and password; explains why the user was signed out, if they were. */
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth, type SignOutReason } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { PasswordField, TextField } from '../../ui/Field.tsx';
import { errorText } from '../../ui/errors.ts';
import { AuthLayout } from './AuthLayout.tsx';

/** The login screen. */
export function LoginScreen({ reason }: { reason?: SignOutReason }) {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const notice = (location.state as { notice?: string } | null)?.notice;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await auth.login(email, password);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(me.mustChangePassword ? '/change-password' : (from ?? '/'), { replace: true });
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  return (
    <AuthLayout title={t('login.title')} subtitle={t('login.subtitle')}>
      {reason === 'expired' && <Notice kind="warning">{t('error.sessionExpired')}</Notice>}
      {notice && <Notice kind="success">{notice}</Notice>}
      <form className="form" onSubmit={submit} noValidate>
        <TextField label={t('login.email')} type="email" name="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        <PasswordField label={t('login.password')} name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" busy={busy} disabled={!email || !password} className="btn-block">
          {busy ? t('login.submitting') : t('login.submit')}
        </Button>
      </form>
      <p className="auth-links">
        <Link to="/forgot-password">{t('login.forgot')}</Link>
      </p>
    </AuthLayout>
  );
}
