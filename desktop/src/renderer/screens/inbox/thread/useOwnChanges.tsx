/**
 * What the thread does to one message besides answering it: edit or delete for everyone one of
 * ours, change or cancel one of our events (the dialogs, and the toasts that say how it went),
 * and mark any message *Destacado* for the team. A refusal is shown; a dialog then stays open.
 */
import type { InboxMessageView } from '@switchboard/shared';
import { useCallback, useState, type ReactNode } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { useToast } from '../../../ui/Toasts.tsx';
import { errorText } from '../../../ui/errors.ts';
import { useInbox } from '../InboxProvider.tsx';
import { ChangeEventDialog } from './ChangeEvent.tsx';
import { DeleteMessageDialog, EditMessageDialog } from './OwnMessageDialogs.tsx';

export interface OwnChanges {
  onEdit(m: InboxMessageView): void;
  onDelete(m: InboxMessageView): void;
  onStar(m: InboxMessageView, on: boolean): void;
  /** The dialogs, to render in the thread. */
  dialogs: ReactNode;
}

export function useOwnChanges(chatName: string): OwnChanges {
  const { t } = useI18n();
  const inbox = useInbox();
  const toast = useToast();
  const [editing, setEditing] = useState<InboxMessageView | null>(null);
  const [deleting, setDeleting] = useState<InboxMessageView | null>(null);
  /** Runs a change of one of our messages; a refusal is shown and rethrown (the dialog stays open). */
  const change = async (work: () => Promise<void>, done: string, close: () => void) => {
    try {
      await work();
      toast.success(done);
      close();
    } catch (err) {
      toast.error(errorText(err, t));
      throw err;
    }
  };
  const editMessage = (m: InboxMessageView, text: string) => change(() => inbox.editMessage(m, text), t('msg.editDone'), () => setEditing(null));
  const deleteMessage = (m: InboxMessageView) => change(() => inbox.deleteMessage(m), t('msg.deleteDone'), () => setDeleting(null));
  const changeEvent = (m: InboxMessageView, c: Parameters<typeof inbox.changeEvent>[1]) => change(() => inbox.changeEvent(m, c), t(c === 'cancel' ? 'changeEvent.canceled' : 'changeEvent.done'), () => setEditing(null));
  const { star } = inbox;
  const onStar = useCallback((m: InboxMessageView, on: boolean) => void star(m, on).catch((err: unknown) => toast.error(errorText(err, t))), [star, toast, t]);
  const dialogs = (
    <>
      <EditMessageDialog message={editing?.kind === 'event' ? null : editing} onClose={() => setEditing(null)} onSave={editMessage} />
      <ChangeEventDialog message={editing?.kind === 'event' ? editing : null} chatName={chatName} onClose={() => setEditing(null)} onChange={changeEvent} />
      <DeleteMessageDialog message={deleting} onClose={() => setDeleting(null)} onDelete={deleteMessage} />
    </>
  );
  return { onEdit: setEditing, onDelete: setDeleting, onStar, dialogs };
}
