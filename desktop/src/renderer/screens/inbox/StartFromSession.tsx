/**
 * *Desde la sesión*: the WhatsApp session a new conversation or group starts from, among those
 * the user may start conversations from (a session not connected says how it is). Shared by
 * *Nueva conversación* and *Nuevo grupo*.
 */
import { useEffect, useMemo, useState } from 'react';
import { useAbility } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useRealtime } from '../../realtime/RealtimeProvider.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { sessionsToStartFrom } from './model/newChat.ts';

/**
 * The sessions to pick from and the one picked. Each time the dialog opens it is `wanted` (a
 * link asked for it) when the user may start from it, else the previous pick, else the first.
 */
export function useStartFromSession(open: boolean, wanted?: string) {
  const ability = useAbility();
  const { sessions } = useRealtime();
  const choices = useMemo(() => sessionsToStartFrom(sessions, ability), [sessions, ability]);
  const [sessionId, setSessionId] = useState('');
  useEffect(() => {
    if (!open) return;
    const has = (id: string | undefined) => !!id && choices.some((s) => s.sessionId === id);
    setSessionId((prev) => (has(wanted) ? wanted! : has(prev) ? prev : (choices[0]?.sessionId ?? '')));
  }, [open]);
  return { choices, sessionId, setSessionId };
}

/** The select itself. */
export function StartFromSessionField({ choices, value, onChange }: { choices: ReturnType<typeof useStartFromSession>['choices']; value: string; onChange(sessionId: string): void }) {
  const { t } = useI18n();
  return (
    <SelectField label={t('newChat.line')} value={value} onChange={(e) => onChange(e.target.value)}>
      {choices.map((s) => (
        <option key={s.sessionId} value={s.sessionId}>
          {s.status === 'connected' ? s.name : t('newChat.lineStatus', { name: s.name, status: t(`status.${s.status}`) })}
        </option>
      ))}
    </SelectField>
  );
}
