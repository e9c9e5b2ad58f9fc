/**
 * The group's *Descripción* in *Datos del grupo* (WhatsApp formatting), who created it and when,
 * and — for users who may change the group, when the account may — *Editar asunto y
 * descripción*: saved on WhatsApp, which tells every member (the thread shows the change).
 */
import { GROUP_DESCRIPTION_MAX, GROUP_SUBJECT_MAX, type GroupInfoView } from '@switchboard/shared';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import { TextAreaField, TextField } from '../../../ui/Field.tsx';
import { useToast } from '../../../ui/Toasts.tsx';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { inboxApi } from '../inboxApi.ts';
import { formatText } from './formatText.tsx';

export function GroupAbout({ group: g, creator, canEdit, blocked, onSaved }: { group: GroupInfoView; creator: string | null; canEdit: boolean; blocked: boolean; onSaved(g: GroupInfoView): void }) {
  const { t, fmt } = useI18n();
  const [editing, setEditing] = useState(false);
  if (editing) return <GroupInfoForm group={g} onSaved={onSaved} onClose={() => setEditing(false)} />;
  if (!g.description && g.createdAt === null && !canEdit) return null;
  return (
    <section aria-labelledby="group-about">
      <div className="group-section-head">
        <h3 id="group-about">{t('group.about')}</h3>
        {canEdit && (
          <Button size="sm" variant="ghost" icon="edit" onClick={() => setEditing(true)}>
            {t('group.edit')}
          </Button>
        )}
      </div>
      {g.description ? <p className="group-description">{formatText(g.description)}</p> : canEdit && <p className="faint">{t('group.noDescription')}</p>}
      {g.createdAt !== null && <p className="faint">{creator ? t('group.createdBy', { date: fmt.date(g.createdAt), name: creator }) : t('group.created', { date: fmt.date(g.createdAt) })}</p>}
      {blocked && <p className="faint">{t('group.infoAdminsOnly')}</p>}
    </section>
  );
}

/**
 * The form: only what changed is sent (the subject, the description, or both; each saved change
 * shows at once behind the form, so a failure of the second leaves the first visible).
 */
function GroupInfoForm({ group: g, onSaved, onClose }: { group: GroupInfoView; onSaved(g: GroupInfoView): void; onClose(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const submit = useSubmit(t);
  const [subject, setSubject] = useState(g.subject);
  const [description, setDescription] = useState(g.description ?? '');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit.run(async () => {
      let changed = false;
      if (subject.trim() !== g.subject) {
        onSaved(await inboxApi(api).groupSubject(g.sessionId, g.chatId, subject.trim()));
        changed = true;
      }
      if (description.trim() !== (g.description ?? '')) {
        onSaved(await inboxApi(api).groupDescription(g.sessionId, g.chatId, description.trim() || null));
        changed = true;
      }
      if (changed) toast.success(t('group.saved'));
      onClose();
    });
  };
  return (
    <section aria-labelledby="group-edit">
      <h3 id="group-edit">{t('group.edit')}</h3>
      <form
        className="group-info-form"
        onSubmit={onSubmit}
        onKeyDown={(e) => {
          // Esc leaves the form, not the dialog.
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <TextField label={t('group.subjectLabel')} value={subject} maxLength={GROUP_SUBJECT_MAX} required autoFocus error={submit.errors.subject} onChange={(e) => setSubject(e.target.value)} />
        <TextAreaField label={t('group.about')} hint={t('group.descriptionHint')} value={description} maxLength={GROUP_DESCRIPTION_MAX} rows={4} error={submit.errors.description} onChange={(e) => setDescription(e.target.value)} />
        {submit.error && !Object.keys(submit.errors).length && <Notice kind="danger">{submit.error}</Notice>}
        <div className="dialog-inline-actions">
          <Button variant="ghost" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={submit.busy}>
            {t('group.saveOnWhatsApp')}
          </Button>
        </div>
      </form>
    </section>
  );
}
