/** The initial password of a new user: typed, or generated (strong, random) and copied to hand over. */
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/Field.tsx';
import { generatePassword } from './password.ts';

/** Password input with "generate", "show" and "copy". */
export function InitialPasswordField({ value, onChange, error }: { value: string; onChange(v: string): void; error?: string | undefined }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    const done = (ok: boolean) => {
      setCopied(ok ? 'yes' : 'failed');
      setTimeout(() => setCopied(null), 2500);
    };
    if (!navigator.clipboard) return done(false);
    void navigator.clipboard.writeText(value).then(
      () => done(true),
      () => done(false),
    );
  };
  return (
    <div className="password-gen">
      <TextField
        label={t('users.field.password')}
        hint={copied === 'failed' ? t('users.password.copyFailed') : t('users.field.passwordHint')}
        type={shown ? 'text' : 'password'}
        className="mono-field"
        required
        minLength={8}
        maxLength={256}
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error}
      />
      <div className="password-gen-actions">
        <Button
          size="sm"
          icon="dice"
          onClick={() => {
            onChange(generatePassword());
            setShown(true);
          }}
        >
          {t('users.password.generate')}
        </Button>
        <Button size="sm" icon={shown ? 'eyeOff' : 'eye'} aria-pressed={shown} onClick={() => setShown((s) => !s)}>
          {shown ? t('users.password.hide') : t('users.password.show')}
        </Button>
        <Button size="sm" icon={copied === 'yes' ? 'check' : 'copy'} disabled={!value} onClick={copy}>
          {copied === 'yes' ? t('action.copied') : t('action.copy')}
        </Button>
        <span className="sr-only" role="status">
          {copied === 'yes' ? t('users.password.copied') : ''}
        </span>
      </div>
    </div>
  );
}
