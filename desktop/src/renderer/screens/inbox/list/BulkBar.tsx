/**
 * What can be done to the picked chats at once: assign or transfer them to a person, add a label,
 * say they need no reply, mark them read, send them a message (BroadcastDialog) — each chat through its own route (the server checks
 * each), a few at a time, with progress, and a summary that says which could not be done and why.
 */
import type { AssignmentView, CannedReplyView, InboxChatView, ListPage, UserView } from '@switchboard/shared';
import { useState } from 'react';
import { useAbility, useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Button, IconButton } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { CheckboxField } from '../../../ui/Field.tsx';
import { ErrorBox, Loading } from '../../../ui/Feedback.tsx';
import { useToast } from '../../../ui/Toasts.tsx';
import { errorText } from '../../../ui/errors.ts';
import { useResource } from '../../../hooks/useResource.ts';
import { AssigneeSelect } from '../../assignments/AssigneeSelect.tsx';
import { assignmentsApi } from '../../assignments/assignmentsApi.ts';
import { inboxApi } from '../inboxApi.ts';
import { useInbox } from '../InboxProvider.tsx';
import { chatKey } from '../model/keys.ts';
import { chatTitle } from './ChatListItem.tsx';
import { runEach, withLabel } from './bulk.ts';
import { BroadcastDialog } from './BroadcastDialog.tsx';
import type { ChatSelection } from './useChatSelection.ts';

type Action = 'assign' | 'label' | 'handled' | 'read';

/** The bar above the list while chats are being picked. */
export function BulkBar({ selection, total, canned, onDone }: { selection: ChatSelection; total: number; canned: readonly CannedReplyView[]; onDone(): void }) {
  const { t, tn } = useI18n();
  const ability = useAbility();
  const client = useApi();
  const rest = inboxApi(client);
  const assignments = assignmentsApi(client);
  const inbox = useInbox();
  const toast = useToast();
  const [dialog, setDialog] = useState<'assign' | 'label' | null>(null);
  /** The chats a message is being written to (fixed when the dialog opens; read live, so a «BAJA» that arrives shows). */
  const [broadcastTo, setBroadcastTo] = useState<string[] | null>(null);
  const [broadcastSent, setBroadcastSent] = useState(false);
  const [progress, setProgress] = useState<{ done: number; of: number } | null>(null);
  const picked = selection.chats;
  const n = picked.length;

  /** Hands a chat to `userId`; with `replace`, the others assigned to it are unassigned. */
  const assignOne = async (c: InboxChatView, userId: string, replace: boolean) => {
    await assignments.assignOnce(c.sessionId, { chatId: c.id, userId });
    if (!replace) return;
    const current = await client.get<ListPage<AssignmentView>>(`/api/sessions/${encodeURIComponent(c.sessionId)}/assignments`, { chatId: c.id, limit: 50 });
    for (const a of current.data.filter((x) => x.userId !== userId)) await assignments.unassign(c.sessionId, a.id);
  };

  /** Says a chat's customer needs no reply (a chat that needs none is left as it is). */
  const settleOne = async (c: InboxChatView) => {
    if (c.needsReply) await rest.markHandled(c.sessionId, c.id);
  };

  const run = async (action: Action, work: (c: InboxChatView) => Promise<void>, vars: Record<string, string> = {}) => {
    setDialog(null);
    setProgress({ done: 0, of: n });
    const out = await runEach(picked, work, { onProgress: (done) => setProgress({ done, of: n }) });
    setProgress(null);
    if (out.failed.length === 0) toast.success(tn(`bulk.done.${action}`, out.ok, vars));
    else {
      const first = out.failed[0]!;
      toast.error(t('bulk.partial', { ok: String(out.ok), total: String(n), names: out.failed.map((f) => chatTitle(f.item)).join(', '), reason: errorText(first.err, t) }));
    }
    onDone();
  };

  const canAssign = ability.can('create', 'Assignment');
  const canLabel = ability.can('assign', 'Label') && ability.can('read', 'Label');
  const canAnswer = ability.can('send', 'Message');
  const idle = progress === null && n > 0;
  return (
    <>
    <div className="chat-bulk-bar" role="toolbar" aria-label={t('bulk.toolbar')}>
      <div className="chat-bulk-bar-head">
        <strong>{tn('bulk.count', n)}</strong>
        <button type="button" className="link-button" onClick={selection.toggleAll}>
          {n === total && total > 0 ? t('bulk.none') : t('bulk.all', { count: String(total) })}
        </button>
        <IconButton size="sm" icon="x" label={t('bulk.stop')} onClick={selection.stop} />
      </div>
      {progress ? (
        <p className="bulk-progress" role="status">
          {t('bulk.progress', { done: String(progress.done), of: String(progress.of) })}
        </p>
      ) : (
        <div className="bulk-actions">
          {canAssign && (
            <Button size="sm" icon="user" disabled={!idle} onClick={() => setDialog('assign')}>
              {t('bulk.assign')}
            </Button>
          )}
          {canLabel && (
            <Button size="sm" icon="tag" disabled={!idle} onClick={() => setDialog('label')}>
              {t('bulk.label')}
            </Button>
          )}
          {canAnswer && (
            <Button size="sm" icon="send" disabled={!idle} onClick={() => setBroadcastTo(picked.map((c) => chatKey(c.sessionId, c.id)))}>
              {t('broadcast.action')}
            </Button>
          )}
          <Button size="sm" icon="checks" disabled={!idle} onClick={() => void run('read', (c) => inbox.markRead(chatKey(c.sessionId, c.id)))}>
            {t('bulk.read')}
          </Button>
          {canAnswer && (
            <Button size="sm" icon="check" disabled={!idle} onClick={() => void run('handled', settleOne)}>
              {t('bulk.handled')}
            </Button>
          )}
        </div>
      )}
    </div>
      {broadcastTo && (
        <BroadcastDialog
          chats={broadcastTo.flatMap((k) => inbox.state.chats.get(k) ?? [])}
          canned={canned}
          onScheduled={() => setBroadcastSent(true)}
          onClose={() => {
            setBroadcastTo(null);
            // Once sent, the selection has done its job.
            if (broadcastSent) onDone();
          }}
        />
      )}
      <Dialog open={dialog === 'assign'} onClose={() => setDialog(null)} title={tn('bulk.assignTitle', n)} size="sm">
        {dialog === 'assign' && <AssignBody onCancel={() => setDialog(null)} onPick={(user, replace) => void run('assign', (c) => assignOne(c, user.id, replace), { name: user.name })} />}
      </Dialog>
      <Dialog open={dialog === 'label'} onClose={() => setDialog(null)} title={tn('bulk.labelTitle', n)} size="sm">
        <ul className="bulk-labels">
          {inbox.labels.map((l) => (
            <li key={l.id}>
              <button type="button" className="label-chip bulk-label" data-color={l.color} onClick={() => void run('label', (c) => rest.setChatLabels(c.sessionId, c.id, withLabel(c.labels, l.id)).then(() => undefined), { name: l.name })}>
                {l.name}
              </button>
            </li>
          ))}
        </ul>
        {inbox.labels.length === 0 && <p className="muted">{t('bulk.noLabels')}</p>}
      </Dialog>
    </>
  );
}

/** Picks the person the chats go to, and whether they replace whoever has them now. */
function AssignBody({ onCancel, onPick }: { onCancel(): void; onPick(user: UserView, replace: boolean): void }) {
  const { t } = useI18n();
  const client = useApi();
  const users = useResource((signal) => assignmentsApi(client).users(signal).then((r) => r.data.filter((u) => u.active)), [client]);
  const [userId, setUserId] = useState('');
  const [replace, setReplace] = useState(true);
  if (users.error) return <ErrorBox error={users.error} onRetry={users.reload} />;
  if (!users.data) return <Loading />;
  const user = users.data.find((u) => u.id === userId);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (user) onPick(user, replace);
      }}
    >
      <AssigneeSelect users={users.data} value={userId} onChange={setUserId} autoFocus />
      <CheckboxField label={t('bulk.replace')} checked={replace} onChange={(e) => setReplace(e.target.checked)} />
      <div className="dialog-inline-actions">
        <Button onClick={onCancel}>{t('action.cancel')}</Button>
        <Button type="submit" variant="primary" disabled={!user}>
          {t(replace ? 'transfer.submitReplace' : 'transfer.submitAdd')}
        </Button>
      </div>
    </form>
  );
}
