/** Desktop app, first start: which Switchboard server to use (remembered by the app). */
import { useState, type FormEvent } from 'react';
import type { DesktopBridge } from '../../../common/ipcContract.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/Field.tsx';
import { AuthLayout } from './AuthLayout.tsx';

/** Asks for the server URL and stores it through the desktop bridge. */
export function ServerSetupScreen({ bridge, onDone }: { bridge: DesktopBridge; onDone(url: string): void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState('https://');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await bridge.setServerUrl(url.trim());
    setBusy(false);
    if (r.ok) onDone(r.url);
    else setError(r.code === 'unreachable' ? t('server.unreachable') : t('server.invalid'));
  }
  return (
    <AuthLayout title={t('server.title')} subtitle={t('server.help')}>
      <form className="form" onSubmit={submit} noValidate>
        <TextField label={t('server.url')} type="url" inputMode="url" autoFocus required value={url} onChange={(e) => setUrl(e.target.value)} error={error ?? undefined} hint={t('server.example')} />
        <Button type="submit" variant="primary" busy={busy} className="btn-block">
          {t('server.connect')}
        </Button>
      </form>
    </AuthLayout>
  );
}
