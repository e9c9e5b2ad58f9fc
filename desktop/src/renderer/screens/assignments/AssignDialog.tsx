/**
 * Assigns one or many chats to a person. Many chats are assigned one request at a time with a
 * progress bar (it can be stopped); at the end the dialog lists what failed and why, and keeps
 * the failed chats selected so the operator can retry them.
 */
import type { InboxChatView, UserView } from '@switchboard/shared';
import { useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText } from '../../ui/errors.ts';
import { AssigneeSelect } from './AssigneeSelect.tsx';
import { assignmentsApi, chatTitle } from './assignmentsApi.ts';

/** How a run of assignments ended. */
interface Outcome {
  done: number;
  skipped: number;
  failed: { chat: InboxChatView; reason: string }[];
  stopped: boolean;
}

/** The assign dialog; `chats` null means closed. `onDone` gets the chats that still need a person. */
export function AssignDialog({ sessionId, chats, users, onClose, onDone }: { sessionId: string; chats: InboxChatView[] | null; users: readonly UserView[]; onClose(): void; onDone(failed: InboxChatView[]): void }) {
  const { t, tn, fmt } = useI18n();
  const api = assignmentsApi(useApi());
  const toast = useToast();
  const [userId, setUserId] = useState('');
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [forChats, setForChats] = useState(chats);
  const stop = useRef(false);
  if (chats !== forChats) {
    setForChats(chats);
    setProgress(null);
    setOutcome(null);
    setNote('');
  }
  const list = chats ?? [];
  const running = progress !== null && outcome === null;
  const person = users.find((u) => u.id === userId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!userId || running) return;
    stop.current = false;
    const result: Outcome = { done: 0, skipped: 0, failed: [], stopped: false };
    setProgress(0);
    for (const [i, chat] of list.entries()) {
      if (stop.current) {
        result.stopped = true;
        result.failed.push(...list.slice(i).map((c) => ({ chat: c, reason: t('assign.bulk.notTried') })));
        break;
      }
      try {
        if ((await api.assignOnce(sessionId, { chatId: chat.id, userId, ...(note.trim() ? { note: note.trim() } : {}) })) === 'assigned') result.done += 1;
        else result.skipped += 1;
      } catch (err) {
        result.failed.push({ chat, reason: errorText(err, t) });
      }
      setProgress(i + 1);
    }
    const name = person?.name ?? '';
    if (list.length === 1 && result.failed.length === 0) {
      toast.success(result.skipped ? t('assign.already', { name }) : t('assign.done', { chat: chatTitle(list[0]!), name }));
      onDone([]);
      return;
    }
    setOutcome(result);
    if (result.failed.length === 0) toast.success(tn('assign.bulk.done', result.done + result.skipped, { name }));
    else toast.error(t('assign.bulk.partial', { failed: result.failed.length, total: list.length }));
  }

  const finish = () => (outcome ? onDone(outcome.failed.map((f) => f.chat)) : onClose());
  const title = list.length === 1 ? t('assign.dialog.title', { chat: chatTitle(list[0]!) }) : t('assign.bulk.title', { count: list.length });
  return (
    <Dialog
      open={chats !== null}
      onClose={running ? () => (stop.current = true) : finish}
      title={title}
      footer={
        outcome ? (
          <Button variant="primary" onClick={finish}>
            {t('action.close')}
          </Button>
        ) : (
          <>
            {running ? (
              <Button onClick={() => (stop.current = true)}>{t('assign.bulk.stop')}</Button>
            ) : (
              <Button onClick={onClose}>{t('action.cancel')}</Button>
            )}
            <Button variant="primary" type="submit" form="assign-form" busy={running} disabled={!userId}>
              {t('assign.submit')}
            </Button>
          </>
        )
      }
    >
      {!outcome ? (
        <form id="assign-form" className="form" onSubmit={submit}>
          <AssigneeSelect users={users} value={userId} onChange={setUserId} autoFocus />
          <TextAreaField label={t('assign.field.note')} hint={t('assign.field.noteHint')} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          {list.length > 1 && (
            <div className="bulk-progress">
              <progress max={list.length} value={progress ?? 0} aria-label={t('assign.bulk.progressLabel')} />
              <span role="status">{progress !== null ? t('assign.bulk.progress', { done: fmt.number(progress), total: fmt.number(list.length) }) : t('assign.bulk.ready', { count: list.length })}</span>
            </div>
          )}
        </form>
      ) : (
        <BulkOutcome outcome={outcome} total={list.length} name={person?.name ?? ''} />
      )}
    </Dialog>
  );
}

/** The summary of a bulk run. */
function BulkOutcome({ outcome, total, name }: { outcome: Outcome; total: number; name: string }) {
  const { t } = useI18n();
  return (
    <div className="form">
      <Notice kind={outcome.failed.length ? 'warning' : 'success'}>
        {t('assign.bulk.summary', { done: outcome.done, total, name })}
        {outcome.skipped > 0 && ` ${t('assign.bulk.skipped', { count: outcome.skipped })}`}
        {outcome.stopped && ` ${t('assign.bulk.stopped')}`}
      </Notice>
      {outcome.failed.length > 0 && (
        <>
          <p>{t('assign.bulk.failedIntro', { count: outcome.failed.length })}</p>
          <ul className="bulk-failures">
            {outcome.failed.map((f) => (
              <li key={f.chat.id}>
                <strong>{chatTitle(f.chat)}</strong>: {f.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
