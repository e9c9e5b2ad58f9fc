/** Create an API key: a name, what it may do, in which sessions, and when it expires. */
import type { ApiKeyView, SessionView } from '@switchboard/shared';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { CheckboxField, SelectField, TextField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { CAPABILITIES, MAX_SCOPED_SESSIONS, permissionsOf, type Capability } from './apiKeyScope.ts';
import { integrationsApi } from './integrationsApi.ts';

const EXPIRY = ['90', '30', '365', 'never'] as const;
type Expiry = (typeof EXPIRY)[number];
const DAY = 86_400_000;

interface Draft {
  name: string;
  capabilities: Capability[];
  everySession: boolean;
  sessions: string[];
  expiry: Expiry;
}

const EMPTY: Draft = { name: '', capabilities: ['send'], everySession: false, sessions: [], expiry: '90' };

/** The new-key dialog; `onCreated` receives the key, shown once. */
export function ApiKeyFormDialog({ open, sessions, onClose, onCreated }: { open: boolean; sessions: readonly SessionView[]; onClose(): void; onCreated(k: ApiKeyView, key: string): void }) {
  const { t } = useI18n();
  const api = integrationsApi(useApi());
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [wasOpen, setWasOpen] = useState(open);
  const { busy, errors, error, reset, run } = useSubmit(t);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setDraft(EMPTY);
      reset();
    }
  }
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const toggleCap = (c: Capability, on: boolean) => set('capabilities', on ? CAPABILITIES.filter((x) => x === c || draft.capabilities.includes(x)) : draft.capabilities.filter((x) => x !== c));
  const toggleSession = (sid: string, on: boolean) => set('sessions', on ? [...draft.sessions, sid] : draft.sessions.filter((s) => s !== sid));
  const full = draft.sessions.length >= MAX_SCOPED_SESSIONS;

  async function submit(e: FormEvent) {
    e.preventDefault();
    await run(async () => {
      const permissions = permissionsOf({ capabilities: draft.capabilities, sessions: draft.everySession ? [] : draft.sessions });
      const expiresAt = draft.expiry === 'never' ? null : new Date(Date.now() + Number(draft.expiry) * DAY).toISOString();
      const { key, ...created } = await api.createApiKey({ name: draft.name.trim(), permissions, expiresAt });
      toast.success(t('key.create.done', { name: created.name }));
      onCreated(created, key);
    });
  }

  const capsOk = draft.capabilities.length > 0;
  const sessionsOk = draft.everySession || draft.sessions.length > 0;
  const valid = draft.name.trim() && capsOk && sessionsOk;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={t('key.create.title')}
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="primary" type="submit" form="api-key-form" busy={busy} disabled={!valid}>
            {t('key.create.submit')}
          </Button>
        </>
      }
    >
      <form id="api-key-form" className="form" onSubmit={submit}>
        <div className="form-row">
          <TextField label={t('key.field.name')} hint={t('key.field.nameHint')} required autoFocus maxLength={80} autoComplete="off" value={draft.name} onChange={(e) => set('name', e.target.value)} error={errors.name} />
          <SelectField label={t('key.field.expiry')} value={draft.expiry} onChange={(e) => set('expiry', e.target.value as Expiry)} error={errors.expiresAt}>
            {EXPIRY.map((x) => (
              <option key={x} value={x}>
                {t(`key.expiry.${x}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <fieldset className="fieldset">
          <legend>{t('key.field.caps')}</legend>
          {CAPABILITIES.map((c) => (
            <CheckboxField key={c} label={t(`key.cap.${c}`)} checked={draft.capabilities.includes(c)} onChange={(e) => toggleCap(c, e.target.checked)} />
          ))}
          {!capsOk && <p className="field-hint">{t('key.field.capsRequired')}</p>}
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('key.field.sessions')}</legend>
          <CheckboxField label={t('key.field.sessionsAll')} checked={draft.everySession} onChange={(e) => set('everySession', e.target.checked)} />
          {!draft.everySession && (
            <div className="check-grid" role="group" aria-label={t('key.field.sessionsSome')}>
              {sessions.map((s) => (
                  <CheckboxField
                    key={s.sessionId}
                    label={s.name}
                    hint={<code>{s.sessionId}</code>}
                    checked={draft.sessions.includes(s.sessionId)}
                    disabled={full && !draft.sessions.includes(s.sessionId)}
                    onChange={(e) => toggleSession(s.sessionId, e.target.checked)}
                  />
                ))}
            </div>
          )}
          {!draft.everySession && <p className="field-hint">{sessionsOk ? t('key.field.sessionsMax', { max: MAX_SCOPED_SESSIONS }) : t('key.field.sessionsRequired')}</p>}
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
