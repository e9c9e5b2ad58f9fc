/** Create or edit a user: name, email, role, language; an initial password when creating, "active" when editing. */
import { USER_LOCALES, type RoleView, type UserLocale, type UserView } from '@switchboard/shared';
import { useState, type FormEvent } from 'react';
import { useAbility, useApi, useMe } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { InitialPasswordField } from './InitialPasswordField.tsx';
import { roleTargetSubject, usersApi, type UserChanges } from './usersApi.ts';
import { roleLabel } from '../../ui/roleLabel.ts';

/** What the dialog is doing: creating a user, editing one, or closed. */
export type UserForm = { mode: 'create' } | { mode: 'edit'; user: UserView } | null;

interface Draft {
  name: string;
  email: string;
  password: string;
  role: string;
  locale: UserLocale;
  active: boolean;
}

const draftOf = (form: UserForm, roles: readonly RoleView[]): Draft =>
  form?.mode === 'edit'
    ? { name: form.user.name, email: form.user.email, password: '', role: form.user.role.id, locale: form.user.locale, active: form.user.active }
    : { name: '', email: '', password: '', role: roles.find((r) => r.name === 'employee')?.id ?? '', locale: 'es', active: true };

/** Only the fields that changed (an edit sends nothing else). */
function changes(user: UserView, d: Draft): UserChanges {
  const out: UserChanges = {};
  if (d.name.trim() !== user.name) out.name = d.name.trim();
  if (d.email.trim().toLowerCase() !== user.email) out.email = d.email.trim();
  if (d.role !== user.role.id) out.role = d.role;
  if (d.locale !== user.locale) out.locale = d.locale;
  if (d.active !== user.active) out.active = d.active;
  return out;
}

/** The create / edit user dialog. */
export function UserFormDialog({ form, roles, onClose, onSaved }: { form: UserForm; roles: readonly RoleView[]; onClose(): void; onSaved(u: UserView): void }) {
  const { t } = useI18n();
  const ability = useAbility();
  const me = useMe();
  const api = usersApi(useApi());
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => draftOf(form, roles));
  const [forForm, setForForm] = useState(form);
  const { busy, errors, error, reset, run } = useSubmit(t);
  if (form !== forForm) {
    setForForm(form);
    setDraft(draftOf(form, roles));
    reset();
  }
  const editing = form?.mode === 'edit' ? form.user : null;
  const self = editing?.id === me.id;
  // Roles the user may give (a supervisor never sees "admin"); the current one stays listed.
  const choices = roles.filter((r) => r.id === editing?.role.id || ability.can(editing ? 'update' : 'create', roleTargetSubject(r)));
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(async () => {
      const saved = editing
        ? await api.update(editing.id, changes(editing, draft))
        : await api.create({ name: draft.name.trim(), email: draft.email.trim(), password: draft.password, role: draft.role, locale: draft.locale });
      toast.success(editing ? t('users.edit.done', { name: saved.name }) : t('users.create.done', { name: saved.name }));
      onSaved(saved);
    });
  }

  const valid = draft.name.trim() && draft.email.trim() && draft.role && (editing || draft.password.length >= 8);
  return (
    <Dialog
      open={form !== null}
      onClose={onClose}
      title={editing ? t('users.edit.title', { name: editing.name }) : t('users.create.title')}
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="primary" type="submit" form="user-form" busy={busy} disabled={!valid}>
            {editing ? t('action.save') : t('users.create.submit')}
          </Button>
        </>
      }
    >
      <form id="user-form" className="form" onSubmit={submit} noValidate={false}>
        <div className="form-row">
          <TextField label={t('users.field.name')} required autoFocus maxLength={200} autoComplete="off" value={draft.name} onChange={(e) => set('name', e.target.value)} error={errors.name} />
          <TextField label={t('users.field.email')} type="email" required maxLength={254} autoComplete="off" value={draft.email} onChange={(e) => set('email', e.target.value)} error={errors.email} />
        </div>
        {!editing && <InitialPasswordField value={draft.password} onChange={(v) => set('password', v)} error={errors.password} />}
        <div className="form-row">
          <SelectField
            label={t('users.field.role')}
            required
            // Nobody changes their own role (the server answers self_action_forbidden): another administrator does.
            disabled={self}
            value={draft.role}
            onChange={(e) => set('role', e.target.value)}
            error={errors.role}
            hint={self ? t('users.field.roleSelfHint') : undefined}
          >
            {!draft.role && <option value="">{t('users.field.rolePick')}</option>}
            {choices.map((r) => (
              <option key={r.id} value={r.id}>
                {roleLabel(t, r.name)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('users.field.locale')} hint={t('users.field.localeHint')} value={draft.locale} onChange={(e) => set('locale', e.target.value as UserLocale)} error={errors.locale}>
            {USER_LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {editing && !self && (
          <CheckboxField label={t('users.field.active')} hint={t('users.field.activeHint')} checked={draft.active} onChange={(e) => set('active', e.target.checked)} />
        )}
        {error && !Object.keys(errors).length && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
