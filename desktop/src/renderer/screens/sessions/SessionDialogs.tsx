/** Create, rename, delete, log out and clean-up dialogs of the sessions screen. */
import type { SessionView } from '@switchboard/shared';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog, Dialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText, fieldErrors } from '../../ui/errors.ts';
import { sessionsApi } from './sessionsApi.ts';

/** Creates a session, then hands it to the link dialog. */
export function CreateSessionDialog({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(s: SessionView): void }) {
  const { t } = useI18n();
  const api = sessionsApi(useApi());
  const toast = useToast();
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const s = await api.create({ name: name.trim(), ...(id.trim() ? { sessionId: id.trim() } : {}) });
      toast.success(t('sessions.create.done', { name: s.name }));
      setName('');
      setId('');
      onCreated(s);
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('sessions.create.title')}
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="primary" type="submit" form="create-session" busy={busy} disabled={!name.trim()}>
            {t('sessions.create.submit')}
          </Button>
        </>
      }
    >
      <form id="create-session" className="form" onSubmit={submit}>
        <TextField label={t('sessions.create.name')} hint={t('sessions.create.nameHint')} required autoFocus maxLength={200} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <TextField label={t('sessions.create.id')} hint={t('sessions.create.idHint')} pattern="[A-Za-z0-9_-]{1,64}" maxLength={64} value={id} onChange={(e) => setId(e.target.value)} error={errors.sessionId} className="mono-field" />
        {error && !Object.keys(errors).length && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}

/** Renames a session. */
export function RenameSessionDialog({ session, onClose, onDone }: { session: SessionView | null; onClose(): void; onDone(s: SessionView): void }) {
  const { t } = useI18n();
  const api = sessionsApi(useApi());
  const toast = useToast();
  const [name, setName] = useState(session?.name ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [forId, setForId] = useState(session?.sessionId);
  if (session?.sessionId !== forId) {
    setForId(session?.sessionId);
    setName(session?.name ?? '');
    setError(null);
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!session) return;
    setBusy(true);
    try {
      const s = await api.rename(session.sessionId, name.trim());
      toast.success(t('sessions.rename.done'));
      onDone(s);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog
      open={session !== null}
      onClose={onClose}
      title={t('sessions.rename.title')}
      size="sm"
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="primary" type="submit" form="rename-session" busy={busy} disabled={!name.trim()}>
            {t('action.save')}
          </Button>
        </>
      }
    >
      <form id="rename-session" className="form" onSubmit={submit}>
        <TextField label={t('sessions.create.name')} required autoFocus maxLength={200} value={name} onChange={(e) => setName(e.target.value)} error={error ?? undefined} />
      </form>
    </Dialog>
  );
}

/** Which destructive action is being confirmed. */
export type Confirming = { kind: 'delete' | 'cleanup'; session: SessionView } | null;

/** Confirms deleting a session or logging it out of WhatsApp. */
export function ConfirmSessionAction({ confirming, onClose, onDone }: { confirming: Confirming; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const api = sessionsApi(useApi());
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (!confirming) return <ConfirmDialog open={false} title="" body="" confirmLabel="" onConfirm={() => undefined} onClose={onClose} />;
  const { kind, session } = confirming;
  const run = async () => {
    setBusy(true);
    try {
      if (kind === 'delete') await api.remove(session.sessionId);
      else await api.cleanup(session.sessionId);
      toast.success(kind === 'delete' ? t('sessions.delete.done') : t('sessions.cleanup.done'));
      onDone();
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
      onClose();
    }
  };
  return (
    <ConfirmDialog
      open
      danger
      busy={busy}
      title={kind === 'delete' ? t('sessions.delete.title', { name: session.name }) : t('sessions.cleanup.title', { name: session.name })}
      body={kind === 'delete' ? t('sessions.delete.body') : t('sessions.cleanup.body')}
      confirmLabel={kind === 'delete' ? t('sessions.action.delete') : t('sessions.action.cleanup')}
      onConfirm={() => void run()}
      onClose={onClose}
    />
  );
}

/** Removes stopped sessions untouched for N days. */
export function CleanupInactiveDialog({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { t, tn } = useI18n();
  const api = sessionsApi(useApi());
  const toast = useToast();
  const [days, setDays] = useState('30');
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const { removed } = await api.cleanupInactive(Number(days));
      toast.success(removed.length ? tn('sessions.cleanupInactive.done', removed.length) : t('sessions.cleanupInactive.none'));
      onDone();
      onClose();
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('sessions.cleanupInactive.title')}
      description={t('sessions.cleanupInactive.body')}
      size="sm"
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="danger" type="submit" form="cleanup-inactive" busy={busy}>
            {t('sessions.cleanupInactive.submit')}
          </Button>
        </>
      }
    >
      <form id="cleanup-inactive" className="form" onSubmit={submit}>
        <TextField label={t('sessions.cleanupInactive.days')} type="number" min={0} max={3650} required value={days} onChange={(e) => setDays(e.target.value)} />
      </form>
    </Dialog>
  );
}
