/**
 * *Reparto automático* of a session: whether new conversations are assigned by themselves, and
 * to whom. Each new customer's chat nobody has goes to the ticked person with the fewest
 * customers waiting for a reply (ties: whoever got one longest ago), by default only among those
 * with the console open; see the gateway's assignments/autoAssign.ts.
 */
import type { AutoAssignView, UserView } from '@switchboard/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Notice } from '../../ui/Feedback.tsx';
import { CheckboxField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { assignmentsApi } from './assignmentsApi.ts';

interface Props {
  /** The session's rule as loaded; null: closed. */
  rule: AutoAssignView | null;
  sessionName: string;
  users: readonly UserView[];
  onClose(): void;
  onSaved(rule: AutoAssignView): void;
}

/** The dialog (closed when `rule` is null). */
export function AutoAssignDialog({ rule, sessionName, users, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const api = assignmentsApi(useApi());
  const toast = useToast();
  const { busy, error, reset, run } = useSubmit(t);
  const [enabled, setEnabled] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [onlineOnly, setOnlineOnly] = useState(true);
  // Each opening starts from the stored rule (a rule never set opens ready to switch on).
  useEffect(() => {
    if (!rule) return;
    reset();
    setEnabled(rule.enabled || rule.userIds.length === 0);
    setPicked(rule.userIds);
    setOnlineOnly(rule.onlineOnly);
  }, [rule]);
  const people = users.filter((u) => u.active);
  const toggle = (id: string, on: boolean) => setPicked((cur) => (on ? [...cur.filter((x) => x !== id), id] : cur.filter((x) => x !== id)));
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!rule) return;
    await run(async () => {
      const saved = await api.setAutoAssign(rule.sessionId, { enabled, userIds: picked, onlineOnly });
      toast.success(t(saved.enabled ? 'autoAssign.savedOn' : 'autoAssign.savedOff'));
      onSaved(saved);
    });
  };
  return (
    <Dialog
      open={rule !== null}
      onClose={onClose}
      title={t('autoAssign.title', { session: sessionName })}
      description={t('autoAssign.hint')}
      size="sm"
      footer={
        <>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button variant="primary" busy={busy} disabled={enabled && picked.length === 0} onClick={() => void submit()}>
            {t('action.save')}
          </Button>
        </>
      }
    >
      <form className="form" onSubmit={(e) => void submit(e)}>
        {error && <Notice kind="danger">{error}</Notice>}
        <CheckboxField label={t('autoAssign.enabled')} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <fieldset className="fieldset" disabled={!enabled}>
          <legend>{t('autoAssign.people')}</legend>
          {people.map((u) => (
            <CheckboxField key={u.id} label={u.name} hint={u.email} checked={picked.includes(u.id)} onChange={(e) => toggle(u.id, e.target.checked)} />
          ))}
        </fieldset>
        <CheckboxField label={t('autoAssign.onlineOnly')} hint={t('autoAssign.onlineOnlyHint')} checked={onlineOnly} disabled={!enabled} onChange={(e) => setOnlineOnly(e.target.checked)} />
      </form>
    </Dialog>
  );
}
