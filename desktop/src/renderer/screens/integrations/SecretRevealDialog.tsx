/** Shows a secret once (a webhook's signing secret, a new API key) with a copy button; it cannot be shown again. */
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { TextAreaField } from '../../ui/Field.tsx';

/** What to reveal, or null when closed. */
export type Reveal = { title: string; body: ReactNode; label: string; value: string; extra?: ReactNode } | null;

/** The one-time reveal dialog. */
export function SecretRevealDialog({ reveal, onClose }: { reveal: Reveal; onClose(): void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    if (!reveal) return;
    const done = (ok: boolean) => setCopied(ok ? 'yes' : 'failed');
    if (!navigator.clipboard) return done(false);
    void navigator.clipboard.writeText(reveal.value).then(
      () => done(true),
      () => done(false),
    );
  };
  const close = () => {
    setCopied(null);
    onClose();
  };
  return (
    <Dialog
      open={reveal !== null}
      onClose={close}
      title={reveal?.title ?? ''}
      footer={
        <Button variant="primary" onClick={close}>
          {t('secret.done')}
        </Button>
      }
    >
      {reveal && (
        <div className="form">
          <Notice kind="warning">{reveal.body}</Notice>
          <div className="secret-row">
            {/* A text area, not an input: Chromium clips the underscore of `whsec_` / `sk_` in a one-line input. */}
            <TextAreaField
              label={reveal.label}
              className="mono-field secret-field"
              readOnly
              rows={2}
              value={reveal.value}
              spellCheck={false}
              onFocus={(e) => e.currentTarget.select()}
              hint={copied === 'failed' ? t('users.password.copyFailed') : t('secret.copyHint')}
            />
            <Button icon={copied === 'yes' ? 'check' : 'copy'} onClick={copy}>
              {copied === 'yes' ? t('action.copied') : t('action.copy')}
            </Button>
          </div>
          <span className="sr-only" role="status">
            {copied === 'yes' ? t('action.copied') : ''}
          </span>
          {reveal.extra}
        </div>
      )}
    </Dialog>
  );
}
