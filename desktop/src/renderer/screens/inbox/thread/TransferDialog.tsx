/**
 * Who handles this conversation, from the conversation itself: see the people assigned, hand it
 * over to someone else (the others are unassigned) or add a person, and remove one. For users
 * who may manage assignments (supervisors); employees never see it.
 */
import type { AssignmentView, InboxChatView, ListPage, UserView } from '@switchboard/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Button, IconButton } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { ErrorBox, Loading } from '../../../ui/Feedback.tsx';
import { CheckboxField } from '../../../ui/Field.tsx';
import { useToast } from '../../../ui/Toasts.tsx';
import { errorText } from '../../../ui/errors.ts';
import { AssigneeSelect } from '../../assignments/AssigneeSelect.tsx';
import { assignmentsApi } from '../../assignments/assignmentsApi.ts';

/** The dialog (closed when `chat` is null). `onChanged` reloads the chat list. */
export function TransferDialog({ chat, title, onClose, onChanged }: { chat: InboxChatView | null; title: string; onClose(): void; onChanged(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open={chat !== null} onClose={onClose} title={t('transfer.title', { name: title })} size="sm">
      {chat && <TransferBody chat={chat} onClose={onClose} onChanged={onChanged} />}
    </Dialog>
  );
}

function TransferBody({ chat, onClose, onChanged }: { chat: InboxChatView; onClose(): void; onChanged(): void }) {
  const { t } = useI18n();
  const client = useApi();
  const api = assignmentsApi(client);
  const toast = useToast();
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [current, setCurrent] = useState<AssignmentView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [userId, setUserId] = useState('');
  const [replace, setReplace] = useState(true);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([api.users(), client.get<ListPage<AssignmentView>>(`/api/sessions/${encodeURIComponent(chat.sessionId)}/assignments`, { chatId: chat.id, limit: 50 })]).then(
      ([u, a]) => {
        if (!live) return;
        setUsers(u.data.filter((x) => x.active));
        setCurrent(a.data);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [chat.sessionId, chat.id, tick]);

  const name = (id: string) => users?.find((u) => u.id === id)?.name ?? id;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!userId || !current) return;
    setBusy(true);
    try {
      await api.assign(chat.sessionId, { chatId: chat.id, userId });
      if (replace) for (const a of current.filter((x) => x.userId !== userId)) await api.unassign(chat.sessionId, a.id);
      toast.success(t('transfer.done', { name: name(userId) }));
      onChanged();
      onClose();
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  const remove = async (a: AssignmentView) => {
    try {
      await api.unassign(chat.sessionId, a.id);
      onChanged();
      setTick((n) => n + 1);
    } catch (err) {
      toast.error(errorText(err, t));
    }
  };

  if (error) return <ErrorBox error={error} onRetry={() => (setError(null), setTick((n) => n + 1))} />;
  if (!users || !current) return <Loading />;
  return (
    <form className="form" onSubmit={submit}>
      <div>
        <h3>{t('transfer.current')}</h3>
        {current.length === 0 ? (
          <p className="muted">{t('inbox.unassigned')}</p>
        ) : (
          <ul className="assignee-list">
            {current.map((a) => (
              <li key={a.id}>
                <span>{name(a.userId)}</span>
                <IconButton icon="x" size="sm" label={t('transfer.remove', { name: name(a.userId) })} onClick={() => void remove(a)} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <AssigneeSelect users={users} value={userId} onChange={setUserId} exclude={current.map((a) => a.userId)} />
      {current.length > 0 && <CheckboxField label={t('transfer.replace')} checked={replace} onChange={(e) => setReplace(e.target.checked)} />}
      <div className="dialog-inline-actions">
        <Button onClick={onClose}>{t('action.cancel')}</Button>
        <Button type="submit" variant="primary" busy={busy} disabled={!userId}>
          {current.length > 0 && replace ? t('transfer.submitReplace') : t('transfer.submitAdd')}
        </Button>
      </div>
    </form>
  );
}
