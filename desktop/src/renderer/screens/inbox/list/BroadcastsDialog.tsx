/**
 * *Mensajes a varias conversaciones* (the list's filters, while there are any from the last
 * days): each one sent to several customers, by whom and when, its first words, and where its
 * sends are, live; one still going can be stopped here after its own dialog was closed, from
 * any device. Counts only the conversations the user may read (the server scopes them).
 */
import type { BroadcastSummaryView, SessionView } from '@switchboard/shared';
import { useState } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { useToast } from '../../../ui/Toasts.tsx';
import { errorText } from '../../../ui/errors.ts';
import { inboxApi } from '../inboxApi.ts';
import { whenPhrase } from '../scheduled/whenPhrase.ts';
import { BroadcastTallyView } from './BroadcastTallyView.tsx';

/** The dialog (mounted while open). */
export function BroadcastsDialog({ list, sessions, onClose }: { list: readonly BroadcastSummaryView[]; sessions: readonly SessionView[]; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open onClose={onClose} title={t('broadcasts.title')} description={t('broadcasts.description')}>
      {list.length === 0 ? (
        <p className="muted">{t('broadcasts.none')}</p>
      ) : (
        <ul className="broadcast-list">
          {list.map((b) => (
            <BroadcastLine key={b.batchId} b={b} session={sessions.length > 1 ? (sessions.find((s) => s.sessionId === b.sessionId)?.name ?? b.sessionId) : null} />
          ))}
        </ul>
      )}
      <div className="dialog-inline-actions">
        <Button variant="primary" onClick={onClose}>
          {t('action.close')}
        </Button>
      </div>
    </Dialog>
  );
}

/** One message to several: when and by whom, its first words, its sends, *Detener los que faltan*. */
function BroadcastLine({ b, session }: { b: BroadcastSummaryView; session: string | null }) {
  const i18n = useI18n();
  const { t, tn } = i18n;
  const rest = inboxApi(useApi());
  const toast = useToast();
  const [stopping, setStopping] = useState(false);
  const now = Date.now();
  const stop = async () => {
    setStopping(true);
    try {
      toast.success(tn('broadcast.stopped', (await rest.stopBroadcast(b.sessionId, b.batchId)).cancelled));
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setStopping(false);
    }
  };
  const label = t('broadcasts.item', { when: whenPhrase(new Date(b.createdAt).getTime(), now, i18n), author: b.author.name });
  return (
    <li className="broadcast-line" aria-label={label}>
      <div className="broadcast-line-head">
        <strong>{label}</strong>
        {session && <span className="faint"> · {session}</span>}
      </div>
      <p className="broadcast-sample">
        {b.file && (
          <span className="broadcast-file">
            <Icon name="paperclip" size={13} /> {b.file.fileName ?? t(`kind.${b.file.kind}` as MessageKey)}
          </span>
        )}
        «{b.sample}»
      </p>
      {b.sent === 0 && b.waiting > 0 && b.firstAt > now + 5000 && <p className="muted">{t('broadcasts.startsAt', { when: whenPhrase(b.firstAt, now, i18n) })}</p>}
      <BroadcastTallyView tally={b} lastAt={b.lastAt}>
        {b.waiting > 0 && (
          <Button size="sm" icon="stop" disabled={stopping} onClick={() => void stop()}>
            {t('broadcast.stop')}
          </Button>
        )}
      </BroadcastTallyView>
    </li>
  );
}
