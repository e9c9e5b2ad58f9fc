/**
 * *Nuevo grupo* (from *Nueva conversación*): a WhatsApp group made by the session's account, with
 * the customers whose numbers are typed. The account owns it, so the group's details then let
 * the team add and remove members. WhatsApp adds whom it may: someone whose privacy lets only
 * invitations add them is left out, and the dialog says so (the group's link, in its details, is
 * the way to invite them) before opening the group.
 */
import { GROUP_SUBJECT_MAX, type CreatedGroupView } from '@switchboard/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { inboxApi } from './inboxApi.ts';
import { displayPhone } from './model/keys.ts';
import { StartFromSessionField, useStartFromSession } from './StartFromSession.tsx';
import { numbersFrom } from './thread/groupAdmin.ts';
import { outcomeText } from './thread/GroupMemberAdmin.tsx';

interface Props {
  open: boolean;
  onClose(): void;
  /** Opens the new group's chat. */
  onCreated(sessionId: string, chatId: string): void;
}

export function NewGroupDialog({ open, onClose, onCreated }: Props) {
  const { t, tn } = useI18n();
  const api = useApi();
  const { choices, sessionId, setSessionId } = useStartFromSession(open);
  const [subject, setSubject] = useState('');
  const [numbers, setNumbers] = useState('');
  // Created, with someone WhatsApp did not add: said before the group opens.
  const [created, setCreated] = useState<CreatedGroupView | null>(null);
  const submit = useSubmit(t);

  useEffect(() => {
    if (!open) return;
    setSubject('');
    setNumbers('');
    setCreated(null);
    submit.reset();
  }, [open]);

  const members = numbersFrom(numbers);
  const create = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!sessionId || !subject.trim() || !members.length) return;
    await submit.run(async () => {
      const group = await inboxApi(api).createGroup(sessionId, subject.trim(), members);
      if (group.results.every((r) => r.outcome === 'done' || r.outcome === 'own_account')) onCreated(group.sessionId, group.chatId);
      else setCreated(group);
    });
  };

  if (created) {
    const left = created.results.filter((r) => r.outcome !== 'done' && r.outcome !== 'own_account');
    // Worded as when adding members (GroupMemberAdmin).
    return (
      <Dialog
        open={open}
        onClose={() => onCreated(created.sessionId, created.chatId)}
        size="sm"
        title={t('newGroup.created', { subject: created.subject })}
        footer={
          <Button variant="primary" onClick={() => onCreated(created.sessionId, created.chatId)}>
            {t('newGroup.openIt')}
          </Button>
        }
      >
        <Notice kind="warning">
          {tn('newGroup.leftOut', left.length)}
          <ul className="group-add-results">
            {left.map((r) => (
              <li key={r.member}>{outcomeText(t, 'add', r, displayPhone(r.phone) ?? r.member)}</li>
            ))}
          </ul>
        </Notice>
      </Dialog>
    );
  }
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="sm"
      title={t('newGroup.title')}
      description={t('newGroup.hint')}
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="primary" icon="users" busy={submit.busy} disabled={!sessionId || !subject.trim() || !members.length} onClick={() => void create()}>
            {t('newGroup.create')}
          </Button>
        </>
      }
    >
      <form className="form" onSubmit={(e) => void create(e)}>
        {submit.error && <Notice kind="danger">{submit.error}</Notice>}
        <StartFromSessionField choices={choices} value={sessionId} onChange={setSessionId} />
        <TextField label={t('group.subjectLabel')} value={subject} maxLength={GROUP_SUBJECT_MAX} autoFocus required onChange={(e) => setSubject(e.target.value)} />
        <TextAreaField label={t('group.addNumbers')} hint={t('group.addHint')} value={numbers} rows={3} onChange={(e) => setNumbers(e.target.value)} />
      </form>
    </Dialog>
  );
}
