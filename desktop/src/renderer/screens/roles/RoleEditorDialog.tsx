/**
 * A role in full: name, description, the permissions matrix, "cannot" rules and any other rule.
 * Editable for custom roles when the user may update roles (or when creating); otherwise the
 * same content read-only, with "duplicate" to start a custom role from it.
 */
import type { RoleView } from '@switchboard/shared';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog, Dialog } from '../../ui/Dialog.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText, fieldErrors } from '../../ui/errors.ts';
import { ExtraRules } from './ExtraRules.tsx';
import { ActionLegend, PermissionMatrix } from './PermissionMatrix.tsx';
import { MAX_RULES, emptyModel, toModel, toPermissions, type PermissionModel } from './permissionModel.ts';
import { roleDescription, rolesApi } from './rolesApi.ts';

/** What the editor shows: a new role (maybe copied from another), a role to edit, or one to read. */
export type RoleEditing = { mode: 'create'; from?: RoleView } | { mode: 'edit' | 'view'; role: RoleView } | null;

interface Draft {
  name: string;
  description: string;
  model: PermissionModel;
}

function draftOf(e: RoleEditing, copyName: (n: string) => string, locale: 'es' | 'en'): Draft {
  if (!e) return { name: '', description: '', model: emptyModel() };
  if (e.mode === 'create') {
    return e.from ? { name: copyName(e.from.name), description: roleDescription(e.from, locale), model: toModel(e.from.permissions) } : { name: '', description: '', model: emptyModel() };
  }
  return { name: e.role.name, description: e.role.description, model: toModel(e.role.permissions) };
}

/** The role editor / viewer. */
export function RoleEditorDialog({ editing, canCreate, onClose, onSaved, onDuplicate }: { editing: RoleEditing; canCreate: boolean; onClose(): void; onSaved(r: RoleView): void; onDuplicate(r: RoleView): void }) {
  const { t, locale } = useI18n();
  const api = rolesApi(useApi());
  const toast = useToast();
  const copyName = (n: string) => t('roles.copyName', { name: n });
  const [draft, setDraft] = useState<Draft>(() => draftOf(editing, copyName, locale));
  const [forEditing, setForEditing] = useState(editing);
  const [dirty, setDirty] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (editing !== forEditing) {
    setForEditing(editing);
    setDraft(draftOf(editing, copyName, locale));
    setDirty(false);
    setError(null);
    setErrors({});
  }
  const readOnly = editing?.mode === 'view';
  const role = editing && editing.mode !== 'create' ? editing.role : null;
  const change = (d: Partial<Draft>) => {
    setDraft((cur) => ({ ...cur, ...d }));
    setDirty(true);
  };
  const close = () => (dirty && !readOnly ? setDiscarding(true) : onClose());
  const permissions = toPermissions(draft.model);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (readOnly || !editing) return;
    if (permissions.length > MAX_RULES) return setError(t('roles.tooManyRules', { max: MAX_RULES }));
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const body = { name: draft.name.trim(), description: draft.description.trim(), permissions };
      const saved = role ? await api.update(role.id, body) : await api.create(body);
      toast.success(role ? t('roles.edit.done', { name: saved.name }) : t('roles.create.done', { name: saved.name }));
      setDirty(false);
      onSaved(saved);
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  const title = !editing ? '' : editing.mode === 'create' ? t('roles.create.title') : readOnly ? t('roles.view.title', { name: editing.role.name }) : t('roles.edit.title', { name: editing.role.name });
  const footer = readOnly ? (
    <>
      {role && canCreate && (
        <Button icon="copy" onClick={() => onDuplicate(role)}>
          {t('roles.action.duplicate')}
        </Button>
      )}
      <Button variant="primary" onClick={onClose}>
        {t('action.close')}
      </Button>
    </>
  ) : (
    <>
      <span className="rule-count">{t('roles.ruleCount', { count: permissions.length, max: MAX_RULES })}</span>
      <Button onClick={close}>{t('action.cancel')}</Button>
      <Button variant="primary" type="submit" form="role-form" busy={busy} disabled={!draft.name.trim()}>
        {role ? t('action.save') : t('roles.create.submit')}
      </Button>
    </>
  );
  return (
    <Dialog open={editing !== null} onClose={close} title={title} size="lg" footer={footer}>
      <form id="role-form" className="form role-editor" onSubmit={submit}>
        {readOnly && role && <Notice kind="info">{role.builtIn ? t('roles.view.builtIn') : t('roles.view.noPermission')}</Notice>}
        {readOnly && role ? (
          <p>{roleDescription(role, locale) || <span className="muted">{t('roles.noDescription')}</span>}</p>
        ) : (
          <div className="form-row">
            <TextField label={t('roles.field.name')} hint={t('roles.field.nameHint')} required autoFocus maxLength={100} pattern="[\p{L}\p{N} _.\-]+" value={draft.name} onChange={(e) => change({ name: e.target.value })} error={errors.name} />
            <TextAreaField label={t('roles.field.description')} rows={2} maxLength={1000} value={draft.description} onChange={(e) => change({ description: e.target.value })} error={errors.description} />
          </div>
        )}
        <h3 className="role-section-title">{t('roles.matrix.title')}</h3>
        <PermissionMatrix model={draft.model} onChange={(model) => change({ model })} readOnly={readOnly} />
        <ActionLegend />
        <ExtraRules model={draft.model} onChange={(model) => change({ model })} readOnly={readOnly} />
        {(error || errors.permissions) && (
          <p className="form-error" role="alert">
            {errors.permissions ?? error}
          </p>
        )}
      </form>
      <ConfirmDialog
        open={discarding}
        title={t('roles.discard.title')}
        body={t('roles.discard.body')}
        confirmLabel={t('roles.discard.confirm')}
        danger
        onConfirm={() => {
          setDiscarding(false);
          setDirty(false);
          onClose();
        }}
        onClose={() => setDiscarding(false)}
      />
    </Dialog>
  );
}
