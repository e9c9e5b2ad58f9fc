/** Ask for a reset link by email (the answer is the same whether the account exists or not). */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { TextField } from '../../ui/Field.tsx';
import { errorText } from '../../ui/errors.ts';
import { AuthLayout } from './AuthLayout.tsx';

/** The forgot-password screen. */
export function ForgotPasswordScreen() {
  const { t } = useI18n();
  const { api } = useAuth();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/forgot-password', { email });
      setSent(true);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title={t('forgot.title')} subtitle={sent ? undefined : t('forgot.help')}>
      {sent ? (
        <Notice kind="success">{t('forgot.sent')}</Notice>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <TextField label={t('login.email')} type="email" name="email" autoComplete="email" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <Button type="submit" variant="primary" busy={busy} disabled={!email} className="btn-block">
            {t('forgot.submit')}
          </Button>
        </form>
      )}
      <p className="auth-links">
        <Link to="/login">{t('forgot.backToLogin')}</Link>
      </p>
    </AuthLayout>
  );
}
