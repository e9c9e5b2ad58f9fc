/**
 * The contact's name in *Datos del contacto*, and changing it: WhatsApp gives the name the
 * customer chose ("🌸 Ali") or none; whoever may answer the chat gives the team's ("Alicia Gómez,
 * tienda Centro"), shown everywhere instead, for everyone, until *Usar el de WhatsApp* removes it.
 * WhatsApp's name stays visible beside it.
 */
import type { ChatProfileView } from '@switchboard/shared';
import { useState, type FormEvent } from 'react';
import { useAbility, useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { useToast } from '../../../ui/Toasts.tsx';
import { useInbox } from '../InboxProvider.tsx';
import { inboxApi } from '../inboxApi.ts';

/** Longest name (as the server allows). */
const MAX = 80;

/** The name row: the name, WhatsApp's when the team's differs, and the form to change it. */
export function ContactName({ profile, onChanged }: { profile: ChatProfileView; onChanged(p: Pick<ChatProfileView, 'name' | 'customName'>): void }) {
  const { t } = useI18n();
  const api = useApi();
  const inbox = useInbox();
  const toast = useToast();
  const mayName = useAbility().can('send', 'Message');
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const submit = useSubmit(t);

  const save = (name: string | null) =>
    submit.run(async () => {
      const view = await inboxApi(api).rename(profile.sessionId, profile.chatId, name);
      inbox.dispatch({ type: 'event/name', sessionId: view.sessionId, chatId: view.chatId, name: view.name, customName: view.customName });
      onChanged({ name: view.name, customName: view.customName });
      setEditing(false);
      toast.success(view.customName ? t('contact.renamed', { name: view.customName }) : t('contact.renameCleared'));
    });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(value.trim() || null);
  };

  if (editing) {
    return (
      <form className="contact-name-form" onSubmit={onSubmit}>
        <TextField
          label={t('contact.nameLabel')}
          hint={profile.isGroup ? t('contact.groupNameHint') : profile.whatsappName ? t('contact.whatsappName', { name: profile.whatsappName }) : t('contact.nameHint')}
          value={value}
          maxLength={MAX}
          autoFocus
          error={submit.errors.name ?? submit.error ?? undefined}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            // Esc leaves the form, not the dialog.
            if (e.key === 'Escape') {
              e.stopPropagation();
              setEditing(false);
            }
          }}
        />
        <div className="dialog-inline-actions">
          <Button variant="ghost" onClick={() => setEditing(false)}>
            {t('action.cancel')}
          </Button>
          <Button type="submit" variant="primary" busy={submit.busy}>
            {t('action.save')}
          </Button>
        </div>
      </form>
    );
  }
  return (
    <div className="contact-name">
      <div>
        <strong>{profile.name ?? t('contact.noName')}</strong>
        {profile.customName && <div className="faint">{profile.whatsappName ? t('contact.whatsappName', { name: profile.whatsappName }) : t('contact.noWhatsappName')}</div>}
      </div>
      {mayName && (
        <div className="contact-name-actions">
          <Button
            size="sm"
            variant="ghost"
            icon="edit"
            onClick={() => {
              setValue(profile.customName ?? profile.whatsappName ?? '');
              submit.reset();
              setEditing(true);
            }}
          >
            {/* A group's subject is changed on WhatsApp in its details; this name is the team's alone. */}
            {t(profile.isGroup ? 'contact.nameLabel' : 'contact.rename')}
          </Button>
          {profile.customName && (
            <Button size="sm" variant="ghost" busy={submit.busy} onClick={() => void save(null)}>
              {t('contact.useWhatsappName')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
