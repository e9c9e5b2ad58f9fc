/**
 * Linking a session to its phone: the live QR (from Socket.IO, or REST when the dialog opens)
 * with its countdown and automatic renewal, or a pairing code for the phone number. Also the
 * way back for sessions that need an operator: relink a logged-out or replaced session in
 * place, start a stopped one, reset a problematic one. Closes on its own terms: shows
 * "linked" as soon as the session reports connected.
 */
import type { SessionStatus, SessionView } from '@switchboard/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useNow } from '../../hooks/useResource.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSocketEvent } from '../../realtime/RealtimeProvider.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { TextField } from '../../ui/Field.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { errorText } from '../../ui/errors.ts';
import { QrCode } from './QrCode.tsx';
import { nextQr, secondsLeft, type QrState } from './qrClock.ts';
import { phoneOf, sessionsApi } from './sessionsApi.ts';

/** Props of LinkDialog. */
export interface LinkDialogProps {
  session: SessionView | null;
  onClose(): void;
}

/** The link dialog for `session` (closed when null). */
export function LinkDialog({ session, onClose }: LinkDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog open={session !== null} onClose={onClose} title={session ? t('link.title', { name: session.name }) : ''} size="md">
      {session && <LinkBody key={session.sessionId} session={session} onClose={onClose} />}
    </Dialog>
  );
}

function LinkBody({ session, onClose }: { session: SessionView; onClose(): void }) {
  const { t } = useI18n();
  const api = sessionsApi(useApi());
  const [status, setStatus] = useState<SessionStatus>(session.status);
  const [me, setMe] = useState<string | null>(session.me?.id ?? null);
  const [qr, setQr] = useState<QrState | null>(null);
  const [tab, setTab] = useState<'qr' | 'code'>('qr');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { qr: useId(), code: useId() };

  useSocketEvent('qr', (e) => {
    if (e.sessionId !== session.sessionId) return;
    setQr((prev) => nextQr(prev, e.qr, Date.now()));
    setStatus('qr');
  });
  useSocketEvent('connection-state', (e) => {
    if (e.sessionId !== session.sessionId) return;
    setStatus(e.status);
    if (e.me?.id) setMe(e.me.id);
    if (e.status !== 'qr') setQr(null);
  });

  // The QR pending right now (the socket only brings the next ones).
  useEffect(() => {
    let live = true;
    api.qr(session.sessionId).then(
      (r) => {
        if (!live) return;
        if (r.qr) setQr((prev) => prev ?? nextQr(null, r.qr!, Date.now()));
        setStatus((s) => (s === session.status ? r.status : s));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // Once per opened dialog.
  }, [session.sessionId]);

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  if (status === 'connected') {
    const phone = phoneOf(me);
    return (
      <div className="link-done">
        <Notice kind="success">{phone ? t('link.connected', { phone }) : t('link.connectedNoPhone')}</Notice>
        <div className="dialog-inline-actions">
          <Button variant="primary" onClick={onClose} autoFocus>
            {t('link.done')}
          </Button>
        </div>
      </div>
    );
  }

  const blocked: Partial<Record<SessionStatus, { text: string; action: string; run(): Promise<unknown> }>> = {
    logged_out: { text: t('link.loggedOut'), action: t('sessions.action.relink'), run: () => api.relink(session.sessionId) },
    replaced: { text: t('link.replaced'), action: t('sessions.action.relink'), run: () => api.relink(session.sessionId) },
    problematic: { text: t('link.problematic'), action: t('sessions.action.resetAttempts'), run: () => api.resetAttempts(session.sessionId) },
    stopped: { text: t('link.stopped'), action: t('sessions.action.start'), run: () => api.start(session.sessionId) },
    created: { text: t('link.notRunning'), action: t('sessions.action.start'), run: () => api.start(session.sessionId) },
  };
  const block = blocked[status];

  return (
    <div className="link-body">
      <div className="link-status">
        <StatusBadge status={status} />
      </div>
      {block ? (
        <>
          <Notice kind={status === 'created' || status === 'stopped' ? 'info' : 'warning'}>{block.text}</Notice>
          <div className="dialog-inline-actions">
            <Button variant="primary" busy={busy} onClick={() => void act(block.run)}>
              {block.action}
            </Button>
          </div>
        </>
      ) : (
        <>
          <div role="tablist" className="tabs" aria-label={t('link.title', { name: session.name })}>
            <button type="button" role="tab" id={`${ids.qr}-tab`} aria-controls={ids.qr} aria-selected={tab === 'qr'} tabIndex={tab === 'qr' ? 0 : -1} onClick={() => setTab('qr')} onKeyDown={(e) => e.key === 'ArrowRight' && setTab('code')}>
              {t('link.qrTab')}
            </button>
            <button type="button" role="tab" id={`${ids.code}-tab`} aria-controls={ids.code} aria-selected={tab === 'code'} tabIndex={tab === 'code' ? 0 : -1} onClick={() => setTab('code')} onKeyDown={(e) => e.key === 'ArrowLeft' && setTab('qr')}>
              {t('link.codeTab')}
            </button>
          </div>
          {tab === 'qr' ? (
            <div role="tabpanel" id={ids.qr} aria-labelledby={`${ids.qr}-tab`} className="link-panel">
              <QrPanel qr={qr} name={session.name} />
              <ol className="steps">
                <li>{t('link.step1')}</li>
                <li>{t('link.step2')}</li>
                <li>{t('link.step3')}</li>
              </ol>
            </div>
          ) : (
            <div role="tabpanel" id={ids.code} aria-labelledby={`${ids.code}-tab`} className="link-panel link-panel-code">
              <PairingCode sessionId={session.sessionId} />
            </div>
          )}
        </>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The QR with its countdown; past expiry it fades and says a new one is coming. */
function QrPanel({ qr, name }: { qr: QrState | null; name: string }) {
  const { t } = useI18n();
  const now = useNow(1000);
  if (!qr) {
    return (
      <div className="qr-box" aria-live="polite">
        <div className="qr-placeholder">
          <span className="spinner" aria-hidden="true" />
        </div>
        <p className="muted">{t('link.waiting')}</p>
      </div>
    );
  }
  const left = secondsLeft(qr, now);
  const fraction = Math.min(1, Math.max(0, (qr.expiresAt - now) / (qr.expiresAt - qr.receivedAt)));
  return (
    <div className="qr-box">
      <QrCode value={qr.qr} alt={t('link.qrAlt', { name })} faded={left === 0} />
      <div className="qr-timer" aria-live="off">
        <div className="qr-bar" aria-hidden="true">
          <span style={{ width: `${fraction * 100}%` }} />
        </div>
        <p className={left <= 5 ? 'qr-expiring' : 'muted'}>{left > 0 ? t('link.expiresIn', { seconds: left }) : t('link.renewing')}</p>
      </div>
    </div>
  );
}

/** Asks for a pairing code for a phone number and shows it large, with a copy button. */
function PairingCode({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const api = sessionsApi(useApi());
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useSocketEvent('pairing-code', (e) => {
    if (e.sessionId === sessionId) setCode(e.code);
  });
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCode((await api.pairingCode(sessionId, phone)).code);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <form className="form" onSubmit={submit}>
        <TextField label={t('link.phone')} hint={t('link.phoneHint')} inputMode="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} error={error ?? undefined} />
        <Button type="submit" variant="primary" busy={busy} disabled={phone.replace(/\D/g, '').length < 6}>
          {t('link.requestCode')}
        </Button>
      </form>
      {code && (
        <div className="pairing-code" aria-live="polite">
          <p>{t('link.codeIntro')}</p>
          <output className="pairing-code-value" aria-label={t('link.codeLabel')}>
            {code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code}
          </output>
          <Button
            size="sm"
            icon={copied ? 'check' : undefined}
            onClick={() =>
              void navigator.clipboard?.writeText(code).then(
                () => setCopied(true),
                () => undefined,
              )
            }
          >
            {copied ? t('action.copied') : t('action.copy')}
          </Button>
        </div>
      )}
    </>
  );
}
