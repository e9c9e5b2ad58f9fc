/** Create or edit a webhook: name, URL, session (or all), the events it receives, active. */
import type { SessionView, WebhookView } from '@switchboard/shared';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { integrationsApi, WEBHOOK_EVENTS, type WebhookDraft } from './integrationsApi.ts';

/** What the dialog is doing. */
export type WebhookForm = { mode: 'create' } | { mode: 'edit'; webhook: WebhookView } | null;

const draftOf = (form: WebhookForm): WebhookDraft =>
  form?.mode === 'edit'
    ? { name: form.webhook.name, url: form.webhook.url, sessionId: form.webhook.sessionId, events: [...form.webhook.events], active: form.webhook.active }
    : { name: '', url: 'https://', sessionId: null, events: ['message', 'message-status'], active: true };

/** Only what changed (an edit sends nothing else). */
function changes(w: WebhookView, d: WebhookDraft): Partial<WebhookDraft> {
  const out: Partial<WebhookDraft> = {};
  if (d.name.trim() !== w.name) out.name = d.name.trim();
  if (d.url.trim() !== w.url) out.url = d.url.trim();
  if (d.sessionId !== w.sessionId) out.sessionId = d.sessionId;
  if ([...d.events].sort().join() !== [...w.events].sort().join()) out.events = d.events;
  if (d.active !== w.active) out.active = d.active;
  return out;
}

/** The webhook dialog; `onCreated` receives the secret, shown once. */
export function WebhookFormDialog({
  form,
  sessions,
  onClose,
  onSaved,
  onCreated,
}: {
  form: WebhookForm;
  sessions: readonly SessionView[];
  onClose(): void;
  onSaved(): void;
  onCreated(w: WebhookView, secret: string): void;
}) {
  const { t } = useI18n();
  const api = integrationsApi(useApi());
  const toast = useToast();
  const [draft, setDraft] = useState<WebhookDraft>(() => draftOf(form));
  const [forForm, setForForm] = useState(form);
  const { busy, errors, error, reset, run } = useSubmit(t);
  if (form !== forForm) {
    setForForm(form);
    setDraft(draftOf(form));
    reset();
  }
  const editing = form?.mode === 'edit' ? form.webhook : null;
  const set = <K extends keyof WebhookDraft>(k: K, v: WebhookDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const toggle = (ev: string, on: boolean) => set('events', on ? [...draft.events, ev] : draft.events.filter((e) => e !== ev));

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(async () => {
      if (editing) {
        await api.updateWebhook(editing.id, changes(editing, draft));
        toast.success(t('wh.edit.done', { name: draft.name.trim() }));
        onSaved();
      } else {
        const { secret, ...created } = await api.createWebhook({ ...draft, name: draft.name.trim(), url: draft.url.trim() });
        toast.success(t('wh.create.done', { name: created.name }));
        onCreated(created, secret);
      }
    });
  }

  const valid = draft.name.trim() && /^https?:\/\/[^\s/]+/i.test(draft.url.trim());
  return (
    <Dialog
      open={form !== null}
      onClose={onClose}
      size="lg"
      title={editing ? t('wh.edit.title', { name: editing.name }) : t('wh.create.title')}
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="primary" type="submit" form="webhook-form" busy={busy} disabled={!valid}>
            {editing ? t('action.save') : t('wh.create.submit')}
          </Button>
        </>
      }
    >
      <form id="webhook-form" className="form" onSubmit={submit}>
        <div className="form-row">
          <TextField label={t('wh.field.name')} hint={t('wh.field.nameHint')} required autoFocus maxLength={80} autoComplete="off" value={draft.name} onChange={(e) => set('name', e.target.value)} error={errors.name} />
          <SelectField label={t('wh.field.session')} value={draft.sessionId ?? ''} onChange={(e) => set('sessionId', e.target.value || null)} error={errors.sessionId}>
            <option value="">{t('int.allSessions')}</option>
            {sessions.map((s) => (
              <option key={s.sessionId} value={s.sessionId}>
                {s.name}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField label={t('wh.field.url')} hint={t('wh.field.urlHint')} type="url" required maxLength={2048} className="mono-field" spellCheck={false} autoComplete="off" value={draft.url} onChange={(e) => set('url', e.target.value)} error={errors.url} />
        <fieldset className="fieldset">
          <legend>{t('wh.field.events')}</legend>
          <p className="field-hint">{t('wh.field.eventsHint')}</p>
          <div className="check-grid">
            {WEBHOOK_EVENTS.map((ev) => (
              <CheckboxField key={ev} label={t(`wh.event.${ev}`)} hint={<code>{ev}</code>} checked={draft.events.includes(ev)} onChange={(e) => toggle(ev, e.target.checked)} />
            ))}
          </div>
        </fieldset>
        <CheckboxField label={t('wh.field.active')} hint={t('wh.field.activeHint')} checked={draft.active} onChange={(e) => set('active', e.target.checked)} />
        {error && !Object.keys(errors).length && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
