/** Reassigning a chat from one person to another, and removing an assignment (confirmed). */
import type { AssignmentView, InboxChatView, UserView } from '@switchboard/shared';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog, Dialog } from '../../ui/Dialog.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText } from '../../ui/errors.ts';
import { AssigneeSelect } from './AssigneeSelect.tsx';
import { assignmentsApi, chatTitle } from './assignmentsApi.ts';

/** One assignment of one chat, with the name of the person holding it. */
export interface AssignmentTarget {
  chat: InboxChatView;
  assignment: AssignmentView;
  name: string;
}

/** Moves an assignment to another person (`PUT`). */
export function ReassignDialog({ target, users, assigned, onClose, onDone }: { target: AssignmentTarget | null; users: readonly UserView[]; assigned: readonly string[]; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const api = assignmentsApi(useApi());
  const toast = useToast();
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [forTarget, setForTarget] = useState(target);
  if (target !== forTarget) {
    setForTarget(target);
    setUserId('');
    setError(undefined);
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!target || !userId) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.reassign(target.assignment.sessionId, target.assignment.id, userId);
      toast.success(t('assign.reassign.done', { chat: chatTitle(target.chat), name: users.find((u) => u.id === userId)?.name ?? '' }));
      onDone();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      size="sm"
      title={target ? t('assign.reassign.title', { chat: chatTitle(target.chat) }) : ''}
      description={target ? t('assign.reassign.body', { name: target.name }) : undefined}
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="primary" type="submit" form="reassign-form" busy={busy} disabled={!userId}>
            {t('assign.reassign.submit')}
          </Button>
        </>
      }
    >
      <form id="reassign-form" className="form" onSubmit={submit}>
        <AssigneeSelect users={users} value={userId} onChange={setUserId} exclude={assigned} error={error} autoFocus />
      </form>
    </Dialog>
  );
}

/** Removes one assignment after asking. */
export function UnassignDialog({ target, onClose, onDone }: { target: AssignmentTarget | null; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const api = assignmentsApi(useApi());
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (!target) return <ConfirmDialog open={false} title="" body="" confirmLabel="" onConfirm={() => undefined} onClose={onClose} />;
  const run = async () => {
    setBusy(true);
    try {
      await api.unassign(target.assignment.sessionId, target.assignment.id);
      toast.success(t('assign.unassign.done', { chat: chatTitle(target.chat), name: target.name }));
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
      title={t('assign.unassign.title')}
      body={t('assign.unassign.body', { chat: chatTitle(target.chat), name: target.name })}
      confirmLabel={t('assign.unassign.submit')}
      onConfirm={() => void run()}
      onClose={onClose}
    />
  );
}
