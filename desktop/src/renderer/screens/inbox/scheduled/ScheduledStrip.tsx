/**
 * The chat's scheduled replies, above the composer: when each goes and what it says, with
 * *Enviar ahora* and *Cancelar* — or, for one that could not be sent, why, *Reintentar* and
 * *Descartar*. Everyone who opens the chat sees the same list, live.
 */
import { textWithMentionNames, type InboxMessageView, type ScheduledMessageView } from '@switchboard/shared';
import { useState } from 'react';
import { useMe } from '../../../auth/AuthProvider.tsx';
import { hasMessage, useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { useToast } from '../../../ui/Toasts.tsx';
import { errorText } from '../../../ui/errors.ts';
import { EditScheduledDialog } from './EditScheduledDialog.tsx';
import { ScheduledFile } from './ScheduleDialog.tsx';
import { summaryOf } from '../thread/MessageBubble.tsx';
import type { ScheduledReplies } from './useScheduled.ts';
import { whenPhrase } from './whenPhrase.ts';

/** The strip; nothing when the chat has no scheduled replies (read-only for those who may not write in it). */
export function ScheduledStrip({ scheduled, canAct, quoted }: { scheduled: ScheduledReplies; /** May write in the chat (send, cancel). */ canAct: boolean; /** A message of the thread, by id (what a reply answers), when loaded. */ quoted(id: string): InboxMessageView | null }) {
  const i18n = useI18n();
  const { t, tn } = i18n;
  const toast = useToast();
  const me = useMe();
  const [expanded, setExpanded] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState<ScheduledMessageView | null>(null);
  if (scheduled.list.length === 0) return null;

  const saveChange = async (id: string, change: { text: string; sendAt?: number }) => {
    try {
      const s = await scheduled.change(id, change);
      toast.success(t('scheduled.changed', { when: whenPhrase(s.sendAt, Date.now(), i18n) }));
      setEditing(null);
    } catch (err) {
      toast.error(errorText(err, t));
      throw err;
    }
  };

  /** Runs an action; it resolves with what to tell (`ok: false`: the reply was not sent, and why). */
  const act = async (id: string, work: () => Promise<{ ok: boolean; text: string }>) => {
    setBusy(id);
    try {
      const { ok, text } = await work();
      if (ok) toast.success(text);
      else toast.error(text);
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(null);
    }
  };
  const sendNow = (s: ScheduledMessageView) =>
    act(s.id, async () => {
      const done = await scheduled.sendNow(s.id);
      return done.status === 'failed' ? { ok: false, text: failure(done) } : { ok: true, text: t('scheduled.sent') };
    });
  const cancel = (s: ScheduledMessageView) =>
    act(s.id, async () => {
      await scheduled.cancel(s.id);
      return { ok: true, text: t('scheduled.cancelled') };
    });
  const failure = (s: ScheduledMessageView) => {
    const key = `scheduled.error.${s.error ?? 'send_failed'}`;
    return t('scheduled.failed', { when: whenPhrase(s.sendAt, Date.now(), i18n), reason: t(hasMessage(key) ? key : 'scheduled.error.send_failed') });
  };

  return (
    <section className="scheduled-strip" aria-label={tn('scheduled.heading', scheduled.list.length)}>
      <button type="button" className="scheduled-toggle" aria-expanded={expanded} onClick={() => setExpanded((v) => !v)}>
        <Icon name="calendar" size={14} />
        {tn('scheduled.heading', scheduled.list.length)}
        <Icon name={expanded ? 'chevronUp' : 'chevronDown'} size={14} />
      </button>
      {expanded && (
        <ul className="scheduled-list">
          {scheduled.list.map((s) => {
            const failed = s.status === 'failed';
            return (
              <li key={s.id} className={`scheduled-item${failed ? ' failed' : ''}`}>
                <div className="scheduled-body">
                  <p className="scheduled-when">
                    {failed ? failure(s) : s.status === 'sending' ? t('scheduled.sending') : t('scheduled.at', { when: whenPhrase(s.sendAt, Date.now(), i18n) })}
                    {s.author.id !== me.id && <span className="faint"> · {t('scheduled.by', { name: s.author.name })}</span>}
                  </p>
                  {s.quotedId && <QuotedLine message={quoted(s.quotedId)} />}
                  <p className="scheduled-text">
                    {s.file && <ScheduledFile name={s.file.fileName ?? t('thread.download')} />}
                    {s.mentions.length ? textWithMentionNames(s.text, s.mentions) : s.text}
                  </p>
                </div>
                {canAct && s.status !== 'sending' && (
                  <div className="scheduled-actions">
                    <Button size="sm" icon="send" busy={busy === s.id} disabled={busy !== null} onClick={() => void sendNow(s)}>
                      {t(failed ? 'scheduled.retry' : 'scheduled.sendNow')}
                    </Button>
                    {!failed && (
                      <Button size="sm" variant="ghost" icon="edit" disabled={busy !== null} onClick={() => setEditing(s)}>
                        {t('scheduled.edit')}
                      </Button>
                    )}
                    <Button size="sm" variant="ghost" disabled={busy !== null} onClick={() => void cancel(s)}>
                      {t(failed ? 'scheduled.discard' : 'scheduled.cancel')}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <EditScheduledDialog item={editing} onClose={() => setEditing(null)} onSave={(change) => saveChange(editing!.id, change)} />
    </section>
  );
}

/** What a scheduled reply answers: the message's words when the thread has it loaded. */
function QuotedLine({ message }: { message: InboxMessageView | null }) {
  const { t } = useI18n();
  return (
    <p className="scheduled-quote faint">
      <Icon name="reply" size={12} /> {message ? t('scheduled.answers', { text: summaryOf(message, t) }) : t('scheduled.answersMessage')}
    </p>
  );
}
